import { mountEventReceiver, type EventHandler, type Logger } from '@gigmart/shared';
import type { Express } from 'express';

/**
 * POST /internal/events (service credential): the orders service pushes its offer events here;
 * answered 204 once applied (the same handler also takes them from NATS when configured).
 */
export function registerOfferEventRoutes(app: Express, deps: { serviceToken: string; logger: Logger; handler: EventHandler }): void {
  mountEventReceiver(app, { ...deps, maxBytes: 1024 * 1024 });
}
