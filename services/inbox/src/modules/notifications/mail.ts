import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startPeriodicJob, type Logger, type MailRecipient, type PeriodicJob } from '@gigmart/shared';
import nodemailer from 'nodemailer';
import type { QueryFilter } from 'mongoose';
import type { EmailStatus, NotificationDoc, NotificationModel } from './model.js';
import { MAIL_LEASE_MS, MAIL_MAX_ATTEMPTS, mailRetryDelayMs, notificationMail, type NotificationMail } from './rules.js';

/**
 * Notification mail. A notification whose recipient has EMAIL on carries its own mail outbox
 * entry (`email`, written in the same insert as the notification: see model.ts), so a mail is
 * never lost: the mailer sends what is PENDING and due, one claim per notification (a lease, so of
 * several inbox instances one sends it), and marks it SENT. A failed send is retried with an
 * exponentially growing delay (rules.ts `mailRetryDelayMs`) until MAIL_MAX_ATTEMPTS; a crash
 * between claim and mark leaves the lease to expire and the mail to be sent again. Each mail
 * carries the notification's id as its Message-ID, so that rare second copy is recognisable.
 */

/** Where mail goes: SMTP (`SMTP_URL`), or `.eml` files in a folder for development. */
export interface MailTransport {
  /** Names the transport in logs and the README: `smtp://host:port` or `files:<dir>`. */
  readonly name: string;
  send(mail: NotificationMail): Promise<void>;
  close(): void;
}

/** SMTP through nodemailer (`smtp://user:pass@host:port`, `smtps://...` for TLS). */
export function smtpTransport(smtpUrl: string): MailTransport {
  const url = new URL(smtpUrl);
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    name: `${url.protocol}//${url.host}`,
    async send(mail) {
      await transporter.sendMail(mail);
    },
    close: () => transporter.close(),
  };
}

/** Development: each mail as an `.eml` file in `dir` (open it with any mail program), named by time and notification. */
export function fileTransport(dir: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    name: `files:${dir}`,
    async send(mail) {
      const info = await transporter.sendMail(mail);
      await mkdir(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await writeFile(path.join(dir, `${stamp}-${mail.notificationId}.eml`), info.message);
    },
    close() {},
  };
}

/** Mail the mailer has still to send (or is sending). */
const UNSENT: EmailStatus[] = ['PENDING', 'SENDING'];

/**
 * The mail due at `now` and free to claim: no lease, or one that ran out by the wall clock
 * `wall`. `mailDueAt` first: on the local database that is an index range over the few
 * notifications with mail still to send (a claim used to decode every notification).
 */
export function dueMailFilter(now: Date, wall: Date): QueryFilter<NotificationDoc> {
  return {
    mailDueAt: { $lte: now },
    'email.status': { $in: UNSENT },
    $or: [{ 'email.lease': null }, { 'email.lease.until': { $lte: wall } }],
  };
}

/**
 * Notifications made before `mailDueAt` existed, with mail still to send, get it (once; a no-op
 * afterwards): their `email.nextAttemptAt`. Returns how many.
 */
export async function backfillMailDueAt(Notification: NotificationModel): Promise<number> {
  const older = await Notification.find({ mailDueAt: { $exists: false }, 'email.status': { $in: UNSENT } }, { email: 1 })
    .lean<Array<Pick<NotificationDoc, '_id' | 'email'>>>()
    .exec();
  for (const doc of older) {
    await Notification.updateOne({ _id: doc._id, mailDueAt: { $exists: false } }, { $set: { mailDueAt: doc.email!.nextAttemptAt } }).exec();
  }
  return older.length;
}

export interface MailPass {
  sent: number;
  failed: number;
}

export interface NotificationMailer extends PeriodicJob {
  /** Asks for a pass soon (a notification with mail was just made). */
  wake(): void;
  /** One pass now: every due mail, sent or rescheduled. */
  runOnce(): Promise<void>;
  /** What the passes did since the start (tests, logs). */
  totals(): MailPass;
}

export interface NotificationMailerOptions {
  Notification: NotificationModel;
  transport: MailTransport;
  /** The recipients' addresses, from the users service (shared/src/internal/mail-recipients.ts). */
  recipients(ids: readonly string[]): Promise<MailRecipient[]>;
  logger: Logger;
  /** The service's clock: when a mail is due. Leases use the wall clock (they are about processes). */
  clock: () => Date;
  from: string;
  /** The web client's address, for the links in the mail. */
  webUrl: string;
  /** Milliseconds between passes; 0: only when woken or run by hand. */
  intervalMs: number;
  /** Mails claimed per pass (default 20). */
  batch?: number;
}

export function startNotificationMailer(options: NotificationMailerOptions): NotificationMailer {
  const { Notification, transport, logger } = options;
  const owner = randomUUID();
  const batch = options.batch ?? 20;
  const totals: MailPass = { sent: 0, failed: 0 };

  const claim = async (): Promise<NotificationDoc | null> => {
    const wall = new Date();
    return Notification.findOneAndUpdate(
      dueMailFilter(options.clock(), wall),
      { $set: { 'email.status': 'SENDING', 'email.lease': { owner, until: new Date(wall.getTime() + MAIL_LEASE_MS) } } },
      { returnDocument: 'after' },
    )
      .lean<NotificationDoc>()
      .exec();
  };

  /** Records the outcome, only while this instance still holds the lease. */
  const settle = async (doc: NotificationDoc, error: unknown): Promise<void> => {
    const attempts = (doc.email?.attempts ?? 0) + 1;
    const mine = { _id: doc._id, 'email.lease.owner': owner };
    if (!error) {
      await Notification.updateOne(mine, {
        $set: {
          'email.status': 'SENT',
          'email.sentAt': options.clock(),
          'email.lease': null,
          'email.lastError': null,
          'email.attempts': attempts,
          mailDueAt: null,
        },
      }).exec();
      totals.sent += 1;
      return;
    }
    const lastError = (error instanceof Error ? error.message : 'unknown error').slice(0, 500);
    const givingUp = attempts >= MAIL_MAX_ATTEMPTS;
    const nextAttemptAt = new Date(options.clock().getTime() + mailRetryDelayMs(attempts));
    await Notification.updateOne(mine, {
      $set: {
        'email.status': givingUp ? 'FAILED' : 'PENDING',
        'email.attempts': attempts,
        'email.nextAttemptAt': nextAttemptAt,
        'email.lease': null,
        'email.lastError': lastError,
        mailDueAt: givingUp ? null : nextAttemptAt,
      },
    }).exec();
    totals.failed += 1;
    logger.warn({ notificationId: String(doc._id), attempts, givingUp, err: error }, 'notification mail not sent');
  };

  const pass = async (): Promise<void> => {
    for (;;) {
      const claimed: NotificationDoc[] = [];
      for (let doc = await claim(); doc; doc = claimed.length < batch ? await claim() : null) claimed.push(doc);
      if (!claimed.length) return;
      let byId: Map<string, MailRecipient>;
      try {
        byId = new Map((await options.recipients(claimed.map((d) => d.recipientId))).map((r) => [r.id, r]));
      } catch (error) {
        // The users service is down: every claimed mail waits for its next attempt.
        for (const doc of claimed) await settle(doc, error);
        return;
      }
      for (const doc of claimed) {
        const recipient = byId.get(doc.recipientId);
        if (!recipient) {
          await settle(
            { ...doc, email: doc.email && { ...doc.email, attempts: MAIL_MAX_ATTEMPTS } },
            new Error('the recipient no longer exists'),
          );
          continue;
        }
        try {
          await transport.send(notificationMail(doc, recipient, { from: options.from, webUrl: options.webUrl }));
          await settle(doc, null);
        } catch (error) {
          await settle(doc, error);
        }
      }
      if (claimed.length < batch) return;
    }
  };

  let stopped = false;
  // A wake during a pass (whose claims may have missed the new mail) runs one more pass after it.
  let woken = false;
  const passes = async (): Promise<void> => {
    do {
      woken = false;
      await pass();
    } while (woken && !stopped);
  };
  const job = startPeriodicJob({ name: 'notification mail', logger, intervalMs: options.intervalMs, runAtStart: true, run: passes });
  return {
    runOnce: () => job.runOnce(),
    wake() {
      woken = true;
      setImmediate(() => {
        if (!stopped) void job.runOnce();
      });
    },
    totals: () => ({ ...totals }),
    async stop() {
      stopped = true;
      await job.stop();
      transport.close();
    },
  };
}
