import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { useClient, useMutation, useQuery, useSubscription, type CombinedError } from 'urql';
import { graphql } from '../gql';
import type { ConversationThreadQuery, ThreadMessageFragment } from '../gql/graphql';
import { ErrorNotice, ErrorScope, Field, Unavailable, type Outcome } from '../errors';
import { FileLink, FileUploads } from '../files';
import { formatDateTime } from '../format';
import { newIdempotencyKey } from '../idempotency';
import { pageKey, withNewestPage, withOlderPage, type Thread } from '../thread';
import { useViewer } from '../viewer';
import { OfferCardView, SendOfferForm } from './ConversationOffers';

/*
 * The gateway's depth limit (10) counts a fragment spread as two levels, so the thread's queries
 * spell out the page (edges, pageInfo) and the offer (the fields of OfferCard, ConversationOffers.tsx)
 * instead of spreading fragments three deep.
 */
export const ThreadMessage = graphql(`
  fragment ThreadMessage on Message {
    id
    body
    sentAt
    readAt
    attachments {
      id
      name
      sizeBytes
      url
    }
    author {
      id
      username
      displayName
    }
    offer {
      id
      status
      description
      price {
        formatted
      }
      serviceFee {
        formatted
      }
      total {
        formatted
      }
      deliveryDays
      revisions
      skipRequirements
      declineReason
      expiresAt
      createdAt
      gig {
        id
        title
      }
      seller {
        id
      }
      buyer {
        id
      }
      order {
        id
      }
    }
  }
`);

const ConversationThread = graphql(`
  query ConversationThread($id: ID!, $first: Int) {
    conversation(id: $id) {
      id
      unreadCount
      starred
      archived
      blocked
      blockedByViewer
      counterpart {
        id
        username
        displayName
      }
      messages(first: $first) {
        totalCount
        edges {
          node {
            ...ThreadMessage
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const OlderMessages = graphql(`
  query OlderMessages($id: ID!, $first: Int, $after: String) {
    conversation(id: $id) {
      id
      messages(first: $first, after: $after) {
        edges {
          node {
            ...ThreadMessage
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const ConversationWith = graphql(`
  query ConversationWith($userId: ID!) {
    conversationWith(userId: $userId) {
      id
    }
    user(id: $userId) {
      id
      username
      displayName
    }
  }
`);

const SendMessage = graphql(`
  mutation SendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      message {
        ...ThreadMessage
      }
      conversation {
        id
        unreadCount
        updatedAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const MarkConversationRead = graphql(`
  mutation MarkConversationRead($input: ConversationIdInput!) {
    markConversationRead(input: $input) {
      conversation {
        id
        unreadCount
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const UpdateConversation = graphql(`
  mutation UpdateConversation($input: UpdateConversationInput!) {
    updateConversation(input: $input) {
      conversation {
        id
        starred
        archived
        blocked
        blockedByViewer
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** Messages per page of the thread (the newest page, and each "Older messages"). */
const PAGE_SIZE = 20;

/** Pushed for each new message of the conversation (either side's): the newest page is fetched again. */
const MessageLive = graphql(`
  subscription MessageLive($conversationId: ID!) {
    messageAdded(conversationId: $conversationId) {
      id
    }
  }
`);

/** How many times (once a second) the thread is fetched again while waiting for an offer just sent. */
const OFFER_WAIT_TRIES = 30;

/** /inbox/:id: one conversation, newest message first, with the box to write. */
export function ConversationPage() {
  const { id = '' } = useParams();
  // A fresh thread (messages, pages, read marks) for each conversation.
  return <ConversationView key={id} id={id} />;
}

function ConversationView({ id }: { id: string }) {
  const { me, loading } = useViewer();
  const client = useClient();
  const [{ data, fetching, error }, refetchThread] = useQuery({
    query: ConversationThread,
    variables: { id, first: PAGE_SIZE },
    requestPolicy: 'cache-and-network',
  });
  const conversation = data?.conversation ?? null;
  // Live: a new message (the counterpart's, or one sent from another tab) shows without a reload.
  const [{ data: live }] = useSubscription({ query: MessageLive, variables: { conversationId: id }, pause: !me || !conversation });
  useEffect(() => {
    if (live) refetchThread({ requestPolicy: 'network-only' });
  }, [live, refetchThread]);

  // The messages shown: the newest page (refetched when the conversation changes) and the older
  // pages loaded so far (see thread.ts).
  const [thread, setThread] = useState<Thread<ThreadMessageFragment> | null>(null);
  const [seenPage, setSeenPage] = useState<string | null>(null);
  const newestPage = conversation?.messages ?? null;
  const newestKey = newestPage ? pageKey(newestPage) : null;
  if (newestPage && newestKey !== seenPage) {
    setSeenPage(newestKey);
    setThread((current) => withNewestPage(current, newestPage));
  }
  const [older, setOlder] = useState<{ loading: boolean; error?: CombinedError | undefined }>({ loading: false });

  async function loadOlder() {
    const after = thread?.olderCursor;
    if (!after) return;
    setOlder({ loading: true });
    const result = await client.query(OlderMessages, { id, first: PAGE_SIZE, after }).toPromise();
    const page = result.data?.conversation?.messages;
    if (page) setThread((current) => (current ? withOlderPage(current, after, page) : current));
    setOlder({ loading: false, error: result.error });
  }

  // Opening the conversation reads it: everything up to the newest message shown.
  const [, markRead] = useMutation(MarkConversationRead);
  const marked = useRef<string | null>(null);
  const newestId = thread?.messages[0]?.id ?? null;
  const unread = conversation?.unreadCount ?? 0;
  useEffect(() => {
    if (unread === 0 || newestId === null || marked.current === newestId) return;
    marked.current = newestId;
    void markRead({ input: { conversationId: id, upToMessageId: newestId } });
  }, [id, unread, newestId, markRead]);

  // An offer just sent: its message is added by the inbox a moment later (through the orders
  // outbox), so the newest page is fetched again until it holds it (for at most OFFER_WAIT_TRIES s).
  const [awaitedOffer, setAwaitedOffer] = useState<string | null>(null);
  const offerArrived = awaitedOffer !== null && (thread?.messages.some((m) => m.offer?.id === awaitedOffer) ?? false);
  useEffect(() => {
    if (awaitedOffer === null || offerArrived) return;
    let tries = 0;
    const timer = setInterval(() => {
      tries += 1;
      if (tries > OFFER_WAIT_TRIES) clearInterval(timer);
      else refetchThread({ requestPolicy: 'network-only' });
    }, 1000);
    return () => clearInterval(timer);
  }, [awaitedOffer, offerArrived, refetchThread]);

  if ((fetching && !data) || loading) return <p className="muted">Loading…</p>;
  if (!me) {
    return (
      <p>
        <Link to={`/login?next=${encodeURIComponent(`/inbox/${id}`)}`}>Log in</Link> to see your messages.
      </p>
    );
  }
  if (!conversation) {
    return (
      <>
        <ErrorNotice error={error} />
        {!error && <p>This conversation does not exist, or it is not yours.</p>}
      </>
    );
  }
  const counterpart = conversation.counterpart;
  const messages = thread?.messages ?? [];

  return (
    <div className="thread">
      <ThreadHeading member={counterpart} />
      <ErrorNotice error={error} />
      <ConversationActions conversation={conversation} />

      {conversation.blocked ? (
        <div className="notice" role="status" data-testid="blocked">
          {conversation.blockedByViewer
            ? 'You blocked this member: neither of you can write here until you unblock them.'
            : 'This conversation is blocked: you cannot write here.'}
        </div>
      ) : (
        counterpart && (
          <>
            <MessageBox recipientId={counterpart.id} label="Write a message" />
            {/* Sellers answer with offers; the server refuses one to a member who has not written (shown at the top of the form). */}
            {me.isSeller && <SendOfferForm buyerId={counterpart.id} onSent={setAwaitedOffer} />}
          </>
        )
      )}

      <section aria-labelledby="messages-heading">
        <h2 id="messages-heading">
          Messages <span className="muted">({conversation.messages.totalCount}, newest first)</span>
        </h2>
        <ol className="messages thread-messages">
          {messages.map((m) => (
            <MessageItem key={m.id} message={m} myId={me.id} />
          ))}
        </ol>
        <ErrorNotice error={older.error} />
        {thread?.olderCursor && (
          <button type="button" className="secondary load-more" disabled={older.loading} onClick={() => void loadOlder()}>
            Older messages
          </button>
        )}
      </section>
    </div>
  );
}

/** The way back to the inbox, and the other member as the page's heading (null: users is down). */
function ThreadHeading({ member }: { member: { username: string; displayName: string } | null }) {
  return (
    <>
      <p className="muted">
        <Link to="/inbox">← Inbox</Link>
      </p>
      <h1>
        {member ? (
          <>
            {member.displayName}{' '}
            <Link to={`/users/${member.username}`} className="muted handle">
              @{member.username}
            </Link>
          </>
        ) : (
          <Unavailable what="The member" />
        )}
      </h1>
    </>
  );
}

function MessageItem({ message, myId }: { message: ThreadMessageFragment; myId: string }) {
  const mine = message.author?.id === myId;
  return (
    <li className={mine ? 'mine' : ''} data-testid="message">
      <p className="muted">
        {mine ? 'You' : (message.author?.displayName ?? <Unavailable what="The author" />)} ·{' '}
        <time dateTime={message.sentAt}>{formatDateTime(message.sentAt)}</time>
        {mine && <> · {message.readAt ? 'Read' : 'Sent'}</>}
      </p>
      {message.body && <p className="body">{message.body}</p>}
      {message.attachments && message.attachments.length > 0 && (
        <div className="files">
          {message.attachments.map((f) => (
            <div key={f.id}>
              <FileLink file={f} />
            </div>
          ))}
        </div>
      )}
      {/* attachments is null only while the media service is down. */}
      {!message.attachments && <Unavailable what="The attached files" />}
      {/* A message carrying an offer may have an empty body. */}
      {message.offer && <OfferCardView offer={message.offer} viewerId={myId} sellerId={message.author?.id ?? null} />}
    </li>
  );
}

/**
 * The box to write, for an existing conversation or the first message to a member. Each message is
 * sent with an idempotency key: retrying the same text after a failed request (no answer) reuses
 * it, so the message is stored once; a new text, or one the server refused, gets a new key.
 */
function MessageBox({ recipientId, label, onSent }: { recipientId: string; label: string; onSent?: (conversationId: string) => void }) {
  const [body, setBody] = useState('');
  const [attachmentIds, setAttachmentIds] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  // A new key empties the attachments after a message is sent.
  const [uploadsKey, setUploadsKey] = useState(0);
  const [attempt, setAttempt] = useState<{ key: string; text: string } | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ userErrors: [] });
  const [{ fetching }, send] = useMutation(SendMessage);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // The same message is the same text with the same files.
    const text = JSON.stringify([body, attachmentIds]);
    const key = attempt !== null && attempt.text === text ? attempt.key : newIdempotencyKey();
    setAttempt({ key, text });
    const result = await send({ input: { recipientId, body, attachmentIds, idempotencyKey: key } });
    const payload = result.data?.sendMessage;
    setOutcome({ error: result.error, userErrors: payload?.userErrors ?? [] });
    if (!payload) return; // no answer: the same text is retried with the same key
    setAttempt(null);
    if (payload.userErrors.length === 0 && payload.conversation) {
      setBody('');
      setUploadsKey((k) => k + 1);
      onSent?.(payload.conversation.id);
    }
  }

  return (
    <form className="step message-box" onSubmit={(event) => void submit(event)} aria-label="Send a message" noValidate>
      <ErrorNotice error={outcome.error} />
      <ErrorScope errors={outcome.userErrors} fields={['input.body', 'input.attachmentIds']}>
        <Field name="input.body" label={label} hint="Up to 5000 characters.">
          <textarea name="body" rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
        </Field>
        <Field name="input.attachmentIds" label="Attachments" hint="Up to 10 files (not programs), at most 100 MB each." group>
          <FileUploads
            key={uploadsKey}
            purpose="MESSAGE_ATTACHMENT"
            name="attachments"
            max={10}
            onChange={setAttachmentIds}
            onBusyChange={setUploading}
          />
        </Field>
      </ErrorScope>
      <button type="submit" disabled={fetching || uploading}>
        Send
      </button>
    </form>
  );
}

type ConversationFlags = Pick<
  NonNullable<ConversationThreadQuery['conversation']>,
  'id' | 'starred' | 'archived' | 'blocked' | 'blockedByViewer'
>;

/** The viewer's flags: star, archive, block (only the member who blocked can unblock). */
function ConversationActions({ conversation }: { conversation: ConversationFlags }) {
  const [{ fetching, error, data }, update] = useMutation(UpdateConversation);
  const change = (flags: { starred?: boolean; archived?: boolean; blocked?: boolean }) =>
    void update({ input: { conversationId: conversation.id, ...flags } });
  const canUnblock = conversation.blocked && conversation.blockedByViewer;
  return (
    <div className="thread-actions" role="group" aria-label="Conversation">
      <button
        type="button"
        className="secondary"
        aria-pressed={conversation.starred}
        disabled={fetching}
        onClick={() => change({ starred: !conversation.starred })}
      >
        {conversation.starred ? '★ Starred' : '☆ Star'}
      </button>
      <button type="button" className="secondary" disabled={fetching} onClick={() => change({ archived: !conversation.archived })}>
        {conversation.archived ? 'Move to inbox' : 'Archive'}
      </button>
      {canUnblock ? (
        <button type="button" className="secondary" disabled={fetching} onClick={() => change({ blocked: false })}>
          Unblock
        </button>
      ) : (
        !conversation.blocked && (
          <button type="button" className="secondary danger-text" disabled={fetching} onClick={() => change({ blocked: true })}>
            Block
          </button>
        )
      )}
      <ErrorNotice error={error} />
      <ErrorScope errors={data?.updateConversation.userErrors ?? []} fields={[]}>
        {null}
      </ErrorScope>
    </div>
  );
}

/**
 * /inbox/with/:userId ("Contact seller"): the conversation with that member when there is one,
 * otherwise a box for the first message, which opens it.
 */
export function NewConversationPage() {
  const { userId = '' } = useParams();
  const { me, loading } = useViewer();
  const navigate = useNavigate();
  // The answer changes when a message opens the conversation: look again after any change to one.
  const context = useMemo(() => ({ additionalTypenames: ['Conversation'] }), []);
  const [{ data, fetching, error }] = useQuery({
    query: ConversationWith,
    variables: { userId },
    requestPolicy: 'cache-and-network',
    context,
    pause: !me,
  });

  if (loading || (me && fetching && !data)) return <p className="muted">Loading…</p>;
  if (!me) {
    return (
      <p>
        <Link to={`/login?next=${encodeURIComponent(`/inbox/with/${userId}`)}`}>Log in</Link> to write to this member.
      </p>
    );
  }
  const existing = data?.conversationWith;
  if (existing) return <Navigate to={`/inbox/${existing.id}`} replace />;
  const user = data?.user;
  if (!user) {
    return (
      <>
        <ErrorNotice error={error} />
        {!error && <p>This member does not exist.</p>}
      </>
    );
  }
  if (user.id === me.id) return <p>This is you: there is no one to write to.</p>;

  return (
    <div className="thread">
      <ThreadHeading member={user} />
      <p className="muted">You have not written to each other yet. Your first message starts the conversation.</p>
      <MessageBox
        recipientId={user.id}
        label={`Message to ${user.displayName}`}
        onSent={(conversationId) => void navigate(`/inbox/${conversationId}`, { replace: true })}
      />
    </div>
  );
}
