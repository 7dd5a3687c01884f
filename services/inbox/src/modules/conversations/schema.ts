import { gql } from 'graphql-tag';

export const conversationsTypeDefs = gql`
  # The federation @link is declared once, in src/modules.ts, as are the shared types
  # (DateTime, PageInfo, UserError). Conversation.messages and lastMessage come with the messages
  # module; User (counterpart) with the response module.
  """
  A private thread between two members: one per pair, opened by the first message either of them
  sends. Only its two participants see it (null for everyone else, admins included).
  """
  type Conversation @key(fields: "id") {
    id: ID!
    "The other member, seen from the viewer's side."
    counterpart: User
    "Messages from the counterpart that the viewer has not read."
    unreadCount: Int!
    "The viewer's own flags; the counterpart's are private to them."
    starred: Boolean!
    "A new message from the counterpart takes it out of the recipient's archive."
    archived: Boolean!
    "True when either member blocked the other: nobody can write in it until it is lifted."
    blocked: Boolean!
    "True when the viewer is the one who blocked: only they can lift it."
    blockedByViewer: Boolean!
    "The time of the last message."
    updatedAt: DateTime!
  }

  "Counts for the badges of a client's header."
  type InboxCounts {
    "Conversations with at least one unread message from the counterpart, archived ones included, blocked ones not."
    unreadConversations: Int!
  }

  type ConversationConnection {
    edges: [ConversationEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type ConversationEdge {
    cursor: String!
    node: Conversation!
  }

  input ConversationFilter {
    "Only conversations with unread messages."
    unreadOnly: Boolean
    starred: Boolean
    "False (the default) lists the conversations not archived; true lists the archived ones."
    archived: Boolean
  }

  type Query {
    "The viewer's conversations, the most recently active first. UNAUTHENTICATED without a viewer."
    conversations(filter: ConversationFilter, first: Int = 20, after: String): ConversationConnection!
    "Null unless the viewer takes part in it."
    conversation(id: ID!): Conversation
    "The viewer's conversation with one member; null when they never wrote to each other."
    conversationWith(userId: ID!): Conversation
    "Null, with an UNAUTHENTICATED error, without a viewer."
    inboxCounts: InboxCounts
  }

  type Mutation {
    "Marks the counterpart's messages up to and including upToMessageId (the newest when not given) as read. A participant only."
    markConversationRead(input: ConversationIdInput!): ConversationPayload!
    "Sets the viewer's flags. Blocking stops both sides from writing; only the member who blocked can lift it."
    updateConversation(input: UpdateConversationInput!): ConversationPayload!
  }

  input ConversationIdInput {
    conversationId: ID!
    "For markConversationRead: the newest message to count as read; the newest of all when not given."
    upToMessageId: ID
  }

  input UpdateConversationInput {
    conversationId: ID!
    starred: Boolean
    archived: Boolean
    blocked: Boolean
  }

  type ConversationPayload {
    conversation: Conversation
    userErrors: [UserError!]!
  }
`;
