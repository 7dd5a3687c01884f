import { mountEventReceiver, type EventHandler, type Logger } from '@gigmart/shared';
import type { Express } from 'express';

/**
 * POST /internal/events (service credential): the orders service pushes its order facts here;
 * answered 204 once applied (the same handler also takes them from NATS when configured). The
 * credential is checked before the body (at most 1 MB) is read.
 */
export function registerStatsRoutes(app: Express, deps: { serviceToken: string; logger: Logger; handler: EventHandler }): void {
  mountEventReceiver(app, { ...deps, maxBytes: 1024 * 1024 });
}
