import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createOutput, defaultOutputFormat, type OutputFormat } from '../src/index.js';

function capture(format: OutputFormat) {
  let out = '';
  let err = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const output = createOutput({
    format,
    stdout: sink((t) => (out += t)),
    stderr: sink((t) => (err += t)),
    colors: false,
    verbose: false,
    logLevel: 'info',
  });
  return { output, out: () => out.split('\n').filter(Boolean), err: () => err };
}

const log = (fields: Record<string, unknown>) => JSON.stringify({ level: 30, time: '2026-01-01T10:00:00.000Z', service: 'x', ...fields });
const request = (statusCode: number, level = 30) =>
  log({ level, reqId: 'r1', req: { method: 'POST', url: '/graphql' }, res: { statusCode }, responseTime: 12, msg: 'request completed' });

describe('the stack output', () => {
  it('is pretty in a terminal, JSON otherwise and always in production', () => {
    expect(defaultOutputFormat({ isTTY: true } as unknown as NodeJS.WritableStream, {})).toBe('pretty');
    expect(defaultOutputFormat({ isTTY: false } as unknown as NodeJS.WritableStream, {})).toBe('json');
    expect(defaultOutputFormat({ isTTY: true } as unknown as NodeJS.WritableStream, { NODE_ENV: 'production' })).toBe('json');
  });

  it('pretty: one line per log event with the process name in front, no subgraph request lines', () => {
    const { output, out } = capture('pretty');
    output.line('gigs', 'stdout', log({ msg: 'gigs listening', url: 'http://127.0.0.1:4002' }));
    output.line('gigs', 'stdout', request(200));
    output.line('gateway', 'stdout', request(200));
    output.line('orders', 'stderr', 'Error: boom');
    output.step('database (ferretdb)', 1234);
    const lines = out();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^gigs {4}\[\d\d:\d\d:\d\d\] INFO: gigs listening \{"url":"http:\/\/127\.0\.0\.1:4002"\}$/);
    expect(lines[1]).toBe('orders  Error: boom');
    expect(lines[2]).toBe('✔ database (ferretdb) 1.2s');
  });

  it("pretty: the gateway's request lines once start-up is over, errors always, only errors while stopping", () => {
    const { output, out } = capture('pretty');
    output.phase('running');
    // Served during start-up (e.g. the check for demo data), logged just after: not shown.
    output.line('gateway', 'stdout', request(200));
    output.line('gateway', 'stdout', request(200).replace('2026-01-01T10:00:00.000Z', new Date(Date.now() + 1000).toISOString()));
    output.line('users', 'stdout', request(200));
    output.line('users', 'stdout', request(500, 50));
    output.phase('stopping');
    output.line('users', 'stdout', log({ msg: 'shutting down' }));
    output.line('users', 'stdout', log({ level: 40, msg: 'database disconnected' }));
    output.line('users', 'stdout', log({ level: 50, msg: 'could not close' }));
    const lines = out();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^gateway \[\d\d:\d\d:\d\d\] INFO: POST \/graphql 200 12 ms \(r1\)$/);
    expect(lines[1]).toMatch(/^users .* ERROR: POST \/graphql 500 12 ms \(r1\)$/);
    expect(lines[2]).toMatch(/^users .* ERROR: could not close$/);
  });

  it('json: the children’s lines as they are, stderr to stderr, its own lines as pino JSON', () => {
    const { output, out, err } = capture('json');
    output.line('gigs', 'stdout', request(200));
    output.line('gigs', 'stdout', 'plain text');
    output.line('gigs', 'stderr', 'Error: boom');
    output.step('users', 3456.7);
    output.event('warn', 'orders crashed (killed by SIGKILL): restarting in 1.0s', { process: 'orders' });
    const lines = out().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ service: 'x', msg: 'request completed' });
    expect(lines[1]).toMatchObject({ level: 30, service: 'gigs', msg: 'plain text' });
    expect(lines[2]).toMatchObject({ level: 30, service: 'stack', step: 'users', ms: 3457, msg: 'users (3.5s)' });
    expect(lines[3]).toMatchObject({
      level: 40,
      service: 'stack',
      process: 'orders',
      msg: 'orders crashed (killed by SIGKILL): restarting in 1.0s',
    });
    expect(err()).toBe('Error: boom\n');
  });
});
