import { gql } from 'graphql-tag';

export const messagesTypeDefs = gql`
  # Message.offer (Offer, the orders subgraph's) is in modules/offers.
  type Message @key(fields: "id") {
    id: ID!
    conversation: Conversation!
    author: User
    "0-5000 characters; empty only when the message carries attachments or an offer."
    body: String!
    sentAt: DateTime!
    "When the recipient read it; null while unread."
    readAt: DateTime
    "Files sent with the message (at most 10); see the media contract. Null only while media is down."
    attachments: [File!]
  }

  type File @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type MessageConnection {
    edges: [MessageEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type MessageEdge {
    cursor: String!
    node: Message!
  }

  extend type Conversation {
    "Newest first."
    messages(first: Int = 30, after: String): MessageConnection!
    lastMessage: Message
  }

  extend type Mutation {
    """
    Writes to another member, opening the conversation on the first message. Not to oneself, not to an
    unknown member, not while the conversation is blocked. A member opens at most 20 new conversations
    per 24 hours (LIMIT_REACHED); messages in existing ones are not limited by that.
    Sending again with the same idempotencyKey returns the first message instead of a second one.
    """
    sendMessage(input: SendMessageInput!): MessagePayload!
  }

  input SendMessageInput {
    recipientId: ID!
    body: String!
    "Ids of READY MESSAGE_ATTACHMENT files the author uploaded (see the media contract), at most 10."
    attachmentIds: [ID!]
    """
    1-255 characters, scoped to the viewer and this mutation, kept at least 24 hours. The same key with
    the same input returns the first result; with a different input, a userErrors entry INVALID on
    ["input", "idempotencyKey"].
    """
    idempotencyKey: String
  }

  type MessagePayload {
    message: Message
    conversation: Conversation
    userErrors: [UserError!]!
  }
`;
