import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy in front of the database that counts the commands passing through, read from the
 * MongoDB wire protocol itself. It sees what every client really sends (the subgraph processes,
 * whatever driver or ODM they use), without touching their code or configuration beyond the URI.
 *
 * Each client message starts with a 16-byte header (messageLength, requestID, responseTo, opCode).
 * An OP_MSG (2013) carries one command: its first section (kind 0) is a BSON document whose first
 * key is the command's name (`find`, `insert`, `aggregate`, ...). The driver's connection
 * handshakes and server monitoring (`hello`, `isMaster`, `ping`, ...) are not work done for a
 * request, so they are counted apart and left out of the totals.
 */
const OP_MSG = 2013;
const OP_QUERY = 2004;
const HOUSEKEEPING = new Set([
  'hello',
  'ismaster',
  'isMaster',
  'ping',
  'buildinfo',
  'buildInfo',
  'saslStart',
  'saslContinue',
  'endSessions',
  'getParameter',
]);

export interface CommandCounts {
  /** Commands other than housekeeping, by name. */
  byName: Record<string, number>;
  /**
   * By command and collection (`find gigs`): how many, and the milliseconds from the command leaving
   * the client to the database's reply, summed (the database's own time when nothing else is in flight).
   */
  timing: Record<string, { count: number; ms: number }>;
  total: number;
  housekeeping: number;
}

export interface WireCounter {
  /** `mongodb://127.0.0.1:<port>/`: give this to the clients to count. */
  uri: string;
  counts(): CommandCounts;
  /** Commands sent and not answered yet (a write may wait long behind others). */
  pending(): number;
  reset(): void;
  close(): Promise<void>;
}

/** The command name of one complete client message, or null when it is not a command. */
export function commandName(message: Buffer): string | null {
  if (message.length < 21) return null;
  const opCode = message.readInt32LE(12);
  if (opCode === OP_MSG) {
    // header (16) + flagBits (4), then sections; the body (kind 0) comes first in practice,
    // but document sequences (kind 1, e.g. the documents of an insert) may precede it.
    let offset = 20;
    while (offset < message.length) {
      const kind = message[offset];
      if (kind === 0) return firstKey(message, offset + 1);
      if (kind !== 1) return null;
      const size = message.readInt32LE(offset + 1);
      offset += 1 + size;
    }
    return null;
  }
  if (opCode === OP_QUERY) {
    // Legacy handshake: header, flags (4), fullCollectionName (cstring), skip (4), return (4), query.
    const end = message.indexOf(0, 20);
    if (end < 0) return null;
    return firstKey(message, end + 1 + 8);
  }
  return null;
}

/** The collection a command names: the string value of its first key (`{find: "gigs", ...}`), else null. */
export function commandCollection(message: Buffer): string | null {
  if (message.length < 21 || message.readInt32LE(12) !== OP_MSG) return null;
  let offset = 20;
  while (offset < message.length && message[offset] === 1) offset += 1 + message.readInt32LE(offset + 1);
  if (message[offset] !== 0) return null;
  const docStart = offset + 1;
  if (message[docStart + 4] !== 0x02) return null;
  const nameEnd = message.indexOf(0, docStart + 5);
  if (nameEnd < 0) return null;
  const length = message.readInt32LE(nameEnd + 1);
  return message.toString('utf8', nameEnd + 5, nameEnd + 5 + length - 1);
}

function firstKey(message: Buffer, docStart: number): string | null {
  // BSON: int32 size, then elements: type byte, cstring name, value.
  const nameStart = docStart + 5;
  if (nameStart >= message.length || message[docStart + 4] === 0) return null;
  const nameEnd = message.indexOf(0, nameStart);
  if (nameEnd < 0) return null;
  const name = message.toString('utf8', nameStart, nameEnd);
  // A getMore says nothing by itself: name it after its collection, `getMore:<collection>`
  // ({ getMore: <int64 cursor id>, collection: <string>, ... }).
  if (name === 'getMore' && message[docStart + 4] === 0x12) {
    const next = nameEnd + 1 + 8;
    const keyEnd = message.indexOf(0, next + 1);
    if (message[next] === 0x02 && keyEnd > 0 && message.toString('utf8', next + 1, keyEnd) === 'collection') {
      const length = message.readInt32LE(keyEnd + 1);
      return `getMore:${message.toString('utf8', keyEnd + 5, keyEnd + 5 + length - 1)}`;
    }
  }
  return name;
}

/** Splits a client's byte stream into whole messages and reports each one. */
function messageSplitter(onMessage: (message: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 4) {
      const length = pending.readInt32LE(0);
      if (length < 16 || pending.length < length) break;
      onMessage(pending.subarray(0, length));
      pending = pending.subarray(length);
    }
  };
}

export async function startWireCounter(targetUri: string): Promise<WireCounter> {
  const target = new URL(targetUri.replace(/^mongodb:/, 'http:'));
  const targetPort = Number(target.port || 27017);
  let byName: Record<string, number> = {};
  let timing: Record<string, { count: number; ms: number }> = {};
  let total = 0;
  let housekeeping = 0;
  /** Bumped by reset: a reply to a command sent before it is not timed (it was not counted either). */
  let generation = 0;
  const sockets = new Set<Socket>();
  const awaiting = new Set<Map<number, unknown>>();

  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: targetPort });
    sockets.add(client).add(upstream);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    // Commands waiting for their reply on this connection, by requestID.
    const inFlight = new Map<number, { key: string; at: bigint; generation: number }>();
    awaiting.add(inFlight);
    const split = messageSplitter((message) => {
      const name = commandName(message);
      if (name === null) return;
      if (HOUSEKEEPING.has(name)) {
        housekeeping += 1;
        return;
      }
      byName[name] = (byName[name] ?? 0) + 1;
      total += 1;
      const collection = commandCollection(message);
      inFlight.set(message.readInt32LE(4), { key: collection ? `${name} ${collection}` : name, at: process.hrtime.bigint(), generation });
    });
    const replies = messageSplitter((message) => {
      const sent = inFlight.get(message.readInt32LE(8));
      if (!sent) return;
      inFlight.delete(message.readInt32LE(8));
      if (sent.generation !== generation) return;
      const entry = (timing[sent.key] ??= { count: 0, ms: 0 });
      entry.count += 1;
      entry.ms += Number(process.hrtime.bigint() - sent.at) / 1e6;
    });
    client.on('data', (chunk: Buffer) => {
      split(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      replies(chunk);
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
      awaiting.delete(inFlight);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const query = new URL(targetUri.replace(/^mongodb:/, 'http:')).search;
  return {
    uri: `mongodb://127.0.0.1:${port}/${query}`,
    counts: () => ({ byName: { ...byName }, timing: structuredClone(timing), total, housekeeping }),
    pending: () => [...awaiting].reduce((sum, m) => sum + m.size, 0),
    reset: () => {
      generation += 1;
      byName = {};
      timing = {};
      total = 0;
      housekeeping = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
