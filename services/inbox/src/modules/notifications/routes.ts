import { mountEventReceiver, type EventHandler, type Logger } from '@gigmart/shared';
import type { Express } from 'express';

/**
 * POST /internal/events (service credential): the orders service's relay pushes its order and
 * offer events here and the answer is 204 once they are applied (notifications made, offers'
 * messages added; the same handler takes them from NATS when NATS_URL is set). The credential is
 * checked before the body (at most 1 MB) is read.
 */
export function registerOrderEventRoutes(app: Express, deps: { serviceToken: string; logger: Logger; handler: EventHandler }): void {
  mountEventReceiver(app, { ...deps, maxBytes: 1024 * 1024 });
}
