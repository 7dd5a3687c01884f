import {
  internalRoute,
  MAIL_RECIPIENTS_ROUTE,
  MAX_MAIL_RECIPIENT_IDS,
  MEMBERS_ROUTE,
  requireServiceToken,
  type Logger,
  type MailRecipientsResponse,
  type MembersResponse,
} from '@gigmart/shared';
import express, { type Express } from 'express';
import { createContext, type UsersServices } from '../../context.js';
import { mailRecipientsRequest, MAX_MEMBER_IDS, membersRequest } from './rules.js';
import { findMailRecipients, findMembers } from './service.js';

/**
 * POST /internal/members: what the gigs and orders services ask to decide seller rights (see
 * shared/src/internal/members.ts). Service credential required; the gateway never routes here.
 */
export function mountMembersRoute(app: Express, options: { services: UsersServices; serviceToken: string; logger: Logger }): void {
  app.post(MEMBERS_ROUTE, requireServiceToken(options.serviceToken), express.json({ limit: '100kb' }), async (req, res) => {
    const parsed = membersRequest.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: `Expected { "ids": string[] } with at most ${MAX_MEMBER_IDS} ids.` });
      return;
    }
    const logger = req.log ?? options.logger;
    try {
      const ctx = createContext({ requestId: req.requestId, logger, viewer: null }, options.services);
      const body: MembersResponse = { members: await findMembers(ctx, parsed.data.ids) };
      res.json(body);
    } catch (error) {
      logger.error({ err: error }, 'members lookup failed');
      res.status(500).json({ error: 'Members lookup failed.', requestId: req.requestId });
    }
  });
}

/**
 * POST /internal/mail-recipients: the email addresses the inbox's mailer sends notifications to
 * (see shared/src/internal/mail-recipients.ts). Service credential required; the gateway never routes here.
 */
export function mountMailRecipientsRoute(app: Express, options: { services: UsersServices; serviceToken: string }): void {
  internalRoute(app, MAIL_RECIPIENTS_ROUTE, { serviceToken: options.serviceToken, maxBytes: 10_000 }, async (body, req, res) => {
    const parsed = mailRecipientsRequest.safeParse(body);
    if (!parsed.success) {
      res.status(400).json({ error: `Expected { "ids": string[] } with 1 to ${MAX_MAIL_RECIPIENT_IDS} ids.` });
      return;
    }
    const ctx = createContext({ requestId: req.requestId, logger: req.log, viewer: null }, options.services);
    const answer: MailRecipientsResponse = { recipients: await findMailRecipients(ctx, parsed.data.ids) };
    res.json(answer);
  });
}
