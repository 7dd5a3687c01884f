import { context, SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import type { Connection, mongo } from 'mongoose';
import { databaseCommandDuration } from './metrics.js';
import { tracer } from './tracing.js';

/** The driver's own connection upkeep: not the services' work, left out of traces and metrics. */
const UPKEEP = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'saslStart', 'saslContinue', 'endSessions', 'buildInfo', 'getnonce']);

/**
 * A span and a latency observation per database command, from the driver's command monitoring
 * (`monitorCommands: true`, set by connectDatabase). The command-started event fires in the async
 * context of the code that sent the command, so the span is a child of the request's span; the
 * command's text is not recorded (it may hold personal data), only its name, database and collection.
 */
export function observeDatabase(connection: Connection, dbName: string): void {
  const client = connection.getClient();
  const open = new Map<string, Span>();
  const key = (event: { connectionId?: unknown; requestId: number }) => `${String(event.connectionId)}:${event.requestId}`;

  client.on('commandStarted', (event: mongo.CommandStartedEvent) => {
    if (UPKEEP.has(event.commandName)) return;
    const collection = event.command[event.commandName] as unknown;
    const span = tracer.startSpan(
      `${event.commandName} ${dbName}${typeof collection === 'string' ? `.${collection}` : ''}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.system.name': 'mongodb',
          'db.namespace': dbName,
          'db.operation.name': event.commandName,
          ...(typeof collection === 'string' ? { 'db.collection.name': collection } : {}),
        },
      },
      context.active(),
    );
    // Only spans that are recorded need remembering (with no provider they are no-ops).
    if (span.isRecording()) open.set(key(event), span);
  });
  const finish = (event: mongo.CommandSucceededEvent | mongo.CommandFailedEvent, outcome: 'ok' | 'error') => {
    if (UPKEEP.has(event.commandName)) return;
    databaseCommandDuration.observe({ database: dbName, command: event.commandName, outcome }, event.duration / 1000);
    const span = open.get(key(event));
    if (!span) return;
    open.delete(key(event));
    if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR, message: (event as mongo.CommandFailedEvent).failure.message });
    span.end();
  };
  client.on('commandSucceeded', (event: mongo.CommandSucceededEvent) => finish(event, 'ok'));
  client.on('commandFailed', (event: mongo.CommandFailedEvent) => finish(event, 'error'));
}
