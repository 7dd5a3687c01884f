import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHttpEventPublisher, newEventId, newId, type OrderActivityEvent } from '@gigmart/shared';
import { TEST_SERVICE_TOKEN } from '@gigmart/shared/testing';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInboxHarness, type InboxHarness, type TestMember } from '../../../test/harness.js';
import { backfillMailDueAt, dueMailFilter, fileTransport, smtpTransport } from './mail.js';
import { mailRetryDelayMs, notificationMail } from './rules.js';

/** A real SMTP server (the smtp-server package) on `port`, keeping every mail it accepts. */
interface MailServer {
  mails: Array<{ to: string[]; raw: string }>;
  stop(): Promise<void>;
}

async function startMailServer(port: number): Promise<MailServer> {
  const mails: MailServer['mails'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { mails, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on (yet). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const header = (raw: string, name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(raw)?.[1]?.trim();

describe('notification mail over SMTP', () => {
  let h: InboxHarness;
  let port: number;
  let smtp: MailServer | null = null;
  let publish: (events: OrderActivityEvent[]) => Promise<void>;

  beforeAll(async () => {
    port = await freePort();
    smtp = await startMailServer(port);
    h = await startInboxHarness('notification_mail', { mail: { transport: smtpTransport(`smtp://127.0.0.1:${port}`), intervalMs: 0 } });
    const publisher = createHttpEventPublisher({ consumerUrl: h.url, serviceToken: TEST_SERVICE_TOKEN });
    publish = (events) => publisher.publish(events);
  });
  afterAll(async () => {
    await h?.stop();
    await smtp?.stop();
  });

  /** An order event telling the buyer about `kinds` (the seller acted). */
  function sellerActed(buyer: TestMember, seller: TestMember, kinds: string[], orderId = newId().toHexString()): OrderActivityEvent {
    return {
      id: newEventId(),
      type: 'order.updated',
      aggregateId: orderId,
      sequence: 2,
      occurredAt: h.clock.now().toISOString(),
      data: {
        orderId,
        gigId: newId().toHexString(),
        sellerId: seller.id,
        status: 'DELIVERED',
        rating: null,
        activity: { buyerId: buyer.id, number: 'FO1A2B3C4D', actorId: seller.id, kinds, dueAt: null },
      },
    };
  }
  const mailsTo = (member: TestMember) => (smtp?.mails ?? []).filter((m) => m.to.some((to) => to.startsWith(`m_${member.id.slice(-8)}@`)));
  const stored = async (member: TestMember) => h.service.models.Notification.find({ recipientId: member.id }).lean().exec();

  it('mails a notification whose EMAIL preference is on to its recipient, once, whatever the redeliveries', async () => {
    const [buyer, seller] = await Promise.all([h.member(), h.member({ seller: true })]);
    const delivered = sellerActed(buyer, seller, ['DELIVERED']);
    await publish([delivered]);
    await h.service.mailer!.runOnce();
    await publish([delivered]); // the relay delivers it again
    await h.service.mailer!.runOnce();

    const mails = mailsTo(buyer);
    expect(mails).toHaveLength(1);
    const [notification] = await stored(buyer);
    expect(notification!.email).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
    const raw = mails[0]!.raw;
    expect(header(raw, 'Message-ID')).toBe(`<notification-${String(notification!._id)}@gigmart>`);
    expect(header(raw, 'Subject')).toBe(notification!.text);
    expect(header(raw, 'To')).toContain(`m_${buyer.id.slice(-8)}@example.test`);
    expect(raw).toContain(`http://127.0.0.1:5173/orders/${delivered.data.orderId}`);
  });

  it('sends nothing for a kind whose EMAIL is off, by default or by choice', async () => {
    const [buyer, seller] = await Promise.all([h.member(), h.member({ seller: true })]);
    // ORDER_COMPLETED (AUTO_COMPLETED): in the app only, by default. ORDER_DELIVERED: email turned off.
    const off = await h.gql<{ updateNotificationPreferences: { userErrors: unknown[] } }>(
      `mutation ($input: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { userErrors { code } } }`,
      { input: { preferences: [{ kind: 'ORDER_DELIVERED', channel: 'EMAIL', enabled: false }] } },
      { token: buyer.token },
    );
    expect(off.data?.updateNotificationPreferences.userErrors).toEqual([]);
    await publish([sellerActed(buyer, seller, ['AUTO_COMPLETED']), sellerActed(buyer, seller, ['DELIVERED'])]);
    await h.service.mailer!.runOnce();
    expect(mailsTo(buyer)).toHaveLength(0);
    expect((await stored(buyer)).map((n) => n.email ?? null)).toEqual([null, null]);
  });

  it('keeps the mail while the mail server is down, retries it with backoff, and sends it once when it is back', async () => {
    const [buyer, seller] = await Promise.all([h.member(), h.member({ seller: true })]);
    await smtp!.stop();
    smtp = null;
    await publish([sellerActed(buyer, seller, ['DELIVERED'])]);
    await h.service.mailer!.runOnce();
    let [notification] = await stored(buyer);
    expect(notification!.email).toMatchObject({ status: 'PENDING', attempts: 1, lease: null });
    expect(notification!.email!.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(notification!.email!.nextAttemptAt.getTime()).toBe(h.clock.now().getTime() + mailRetryDelayMs(1));

    smtp = await startMailServer(port);
    await h.service.mailer!.runOnce(); // not due yet
    expect(mailsTo(buyer)).toHaveLength(0);
    h.clock.advance(mailRetryDelayMs(1));
    await h.service.mailer!.runOnce();
    await h.service.mailer!.runOnce();
    expect(mailsTo(buyer)).toHaveLength(1);
    [notification] = await stored(buyer);
    expect(notification!.email).toMatchObject({ status: 'SENT', attempts: 2 });
  });

  it('sends a mail claimed by an instance that stopped before sending it, once its lease ran out', async () => {
    const [buyer, seller] = await Promise.all([h.member(), h.member({ seller: true })]);
    await publish([sellerActed(buyer, seller, ['DELIVERED', 'EXTENSION_REQUESTED'])]);
    await h.service.mailer!.runOnce();
    const before = mailsTo(buyer).length;
    // As if another instance had claimed both and died before sending: one lease still runs, the other ran out.
    const [first, second] = await stored(buyer);
    // A claim leaves the mail due (mailDueAt stays): only its lease keeps others away.
    const claim = (until: Date) => ({
      $set: { 'email.status': 'SENDING', 'email.lease': { owner: 'gone', until }, mailDueAt: h.clock.now() },
    });
    await h.service.models.Notification.updateOne({ _id: first!._id }, claim(new Date(Date.now() - 1000))).exec();
    await h.service.models.Notification.updateOne({ _id: second!._id }, claim(new Date(Date.now() + 60_000))).exec();
    await h.service.mailer!.runOnce();
    expect(mailsTo(buyer)).toHaveLength(before + 1);
    const after = await stored(buyer);
    expect(after.find((n) => String(n._id) === String(first!._id))!.email!.status).toBe('SENT');
    expect(after.find((n) => String(n._id) === String(second!._id))!.email!.status).toBe('SENDING');
  });
});

describe('finding the mail due', () => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await startInboxHarness('notification_mail_due', { mail: { transport: smtpTransport('smtp://127.0.0.1:9'), intervalMs: 0 } });
  });
  afterAll(() => h?.stop());

  it('is an index lookup, not a scan of every notification', async () => {
    const explained = JSON.stringify(await h.service.models.Notification.find(dueMailFilter(h.clock.now(), new Date())).explain());
    expect(explained).toMatch(/USING INDEX|IXSCAN/);
  });

  it('gives mail made before mailDueAt existed its due time, once, so the mailer finds it', async () => {
    const { Notification } = h.service.models;
    const recipientId = newId().toHexString();
    const nextAttemptAt = h.clock.now();
    const email = { status: 'PENDING', attempts: 0, nextAttemptAt, lease: null, sentAt: null, lastError: null };
    const base = { recipientId, kind: 'ORDER_DELIVERED', text: 'Delivered', actorId: null, orderId: null, conversationId: null };
    // Written as the service wrote them before: no mailDueAt at all.
    await Notification.collection.insertMany([
      { ...base, sourceKey: 'old-pending', createdAt: nextAttemptAt, readAt: null, inApp: true, email },
      { ...base, sourceKey: 'old-sent', createdAt: nextAttemptAt, readAt: null, inApp: true, email: { ...email, status: 'SENT' } },
    ]);
    expect(await Notification.countDocuments(dueMailFilter(h.clock.now(), new Date()))).toBe(0);
    expect(await backfillMailDueAt(Notification)).toBe(1);
    expect(await backfillMailDueAt(Notification)).toBe(0);
    const due = await Notification.find(dueMailFilter(h.clock.now(), new Date())).lean().exec();
    expect(due.map((n) => [n.sourceKey, n.mailDueAt?.getTime()])).toEqual([['old-pending', nextAttemptAt.getTime()]]);
  });
});

describe('notification mail as files (development)', () => {
  it('writes each mail as an .eml file a mail program opens', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gigmart-mail-'));
    try {
      const transport = fileTransport(path.join(dir, 'mail'));
      const id = newId();
      await transport.send(
        notificationMail(
          { _id: id, text: 'sam delivered order #FO1A2B3C4D.', orderId: 'abc', conversationId: null },
          { email: 'bo@example.test', displayName: 'Bo Buyer' },
          { from: 'Gigmart <no-reply@gigmart.local>', webUrl: 'http://localhost:5173/' },
        ),
      );
      const files = await readdir(path.join(dir, 'mail'));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(new RegExp(`-${String(id)}\\.eml$`));
      const raw = await readFile(path.join(dir, 'mail', files[0]!), 'utf8');
      expect(header(raw, 'To')).toBe('Bo Buyer <bo@example.test>');
      expect(header(raw, 'Subject')).toBe('sam delivered order #FO1A2B3C4D.');
      expect(raw).toContain('http://localhost:5173/orders/abc');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
