import { EVENTS_ROUTE, httpEventReceiver, type EventHandler, type Logger } from '@gigmart/shared';
import express, { type Express } from 'express';

/**
 * POST /internal/events (service credential): the orders service pushes its order facts here;
 * answered 204 once applied (the same handler also takes them from NATS when configured).
 */
export function registerStatsRoutes(app: Express, deps: { serviceToken: string; logger: Logger; handler: EventHandler }): void {
  app.post(EVENTS_ROUTE, express.json({ limit: '1mb' }), httpEventReceiver(deps));
}
