import { HAS_WRITTEN_ROUTE, internalRoute, isObjectId, type HasWrittenRequest, type HasWrittenResponse } from '@gigmart/shared';
import type { Express, Request } from 'express';
import { z } from 'zod';
import type { InboxContext } from '../../context.js';
import { hasWritten } from './service.js';

/**
 * `POST /internal/conversations/has-written` `{ sellerId, buyerId }` → `{ hasWritten, blocked }`
 * (shared/src/internal/conversations.ts): whether the buyer ever wrote to the seller, and whether
 * their conversation is blocked. For the orders service (a seller may send a custom offer only to a
 * buyer who wrote to them, and not in a blocked conversation). Service credential required; the
 * gateway never routes here.
 */
export { HAS_WRITTEN_ROUTE, type HasWrittenRequest, type HasWrittenResponse };

const memberId = z.string().refine(isObjectId);
const hasWrittenBody = z.object({ sellerId: memberId, buyerId: memberId }) satisfies z.ZodType<HasWrittenRequest>;

export function registerConversationRoutes(app: Express, deps: { serviceToken: string; context: (req: Request) => InboxContext }): void {
  internalRoute(app, HAS_WRITTEN_ROUTE, { serviceToken: deps.serviceToken, maxBytes: 4 * 1024 }, async (body, req, res) => {
    const parsed = hasWrittenBody.safeParse(body);
    if (!parsed.success) {
      res.status(400).json({ error: 'Body must be { "sellerId": member id, "buyerId": member id }.' });
      return;
    }
    const answer: HasWrittenResponse = await hasWritten(deps.context(req), parsed.data);
    res.json(answer);
  });
}
