/**
 * `npm start`: the whole marketplace on one machine, through @gigmart/stack's process mode: the
 * build (turbo, cached), the database server, each subgraph, the gateway and the web client in
 * their own processes, then the demo data; one line per step with its duration, then where to go.
 *
 * In a terminal every log line is a readable, coloured line with the process's name in front;
 * with stdout not a terminal, or NODE_ENV=production, they stay JSON lines. A process that crashes
 * is started again (1 s, 2 s, 4 s ... 30 s apart) while the rest keeps serving; five crashes of one
 * within a minute stop everything with one line saying which and why, and exit code 1. Ctrl-C or
 * SIGTERM stops every process and exits 0; nothing is left running.
 *
 * `--dev` (npm run dev) skips the build and runs every process from source with reload on change
 * (tsx watch) instead, without the web client.
 *
 * This file itself always runs from source (`--conditions=development`): on a fresh clone there is
 * no dist/ to import before the build it starts has run.
 */
import path from 'node:path';
import { baseEnvSchema, env, loadConfig, z } from '@gigmart/shared';
import { createOutput, startStack, StackStartError, StackStoppedError, timed, type ProcessStack } from '@gigmart/stack';
import { adminCommandBackdater, isMarketplaceEmpty, seedDemo } from './seed/index.js';

const dev = process.argv.includes('--dev');

const config = loadConfig(
  baseEnvSchema.extend({
    GATEWAY_PORT: env.port(4000),
    USERS_PORT: env.port(4001),
    GIGS_PORT: env.port(4002),
    ORDERS_PORT: env.port(4003),
    INBOX_PORT: env.port(4004),
    MEDIA_PORT: env.port(4005),
    WEB_PORT: env.port(5173),
    /** Fill an empty marketplace with demo sellers, gigs and orders on start. */
    SEED_DEMO: env.bool(true),
    SERVICE_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  }),
);

const output = createOutput();
const abort = new AbortController();
let stack: ProcessStack | null = null;
let stopping = false;

const starting = startStack({
  mode: 'processes',
  from: dev ? 'watch' : 'build',
  build: !dev,
  ports: {
    users: config.USERS_PORT,
    gigs: config.GIGS_PORT,
    orders: config.ORDERS_PORT,
    inbox: config.INBOX_PORT,
    media: config.MEDIA_PORT,
    gateway: config.GATEWAY_PORT,
    web: config.WEB_PORT,
  },
  mongoUrl: config.MONGO_URL,
  dataDir: config.DATA_DIR,
  serviceToken: config.SERVICE_TOKEN,
  output,
  signal: abort.signal,
});

/** Ctrl-C, SIGTERM: stop whatever is running or starting, then exit 0. */
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  const started = performance.now();
  abort.abort();
  await starting.catch(() => {});
  await stack?.stop();
  output.step('stopped', performance.now() - started);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

try {
  stack = await starting;
} catch (error) {
  // Stopped on purpose: shutdown() exits. A failed step has said why in its own line.
  if (error instanceof StackStoppedError) await new Promise(() => {});
  if (!(error instanceof StackStartError))
    output.event('error', `the stack failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
// The stack gave up on a crashing process: it has said which and why, and stopped everything.
void stack.failed.then(() => process.exit(1));

if (config.SEED_DEMO) {
  try {
    if (await isMarketplaceEmpty(stack.graphqlUrl)) {
      const lines: string[] = [];
      await timed(
        output,
        'demo data',
        () =>
          seedDemo(
            stack.graphqlUrl,
            (message) => (output.format === 'pretty' ? lines.push(message.trim()) : output.event('info', message.trim())),
            {
              backdateSeller: adminCommandBackdater({ ...process.env, ...stack.env }),
            },
          ),
        { detail: () => (lines.length ? `${lines.at(-1)} (SEED_DEMO=false skips this)` : undefined) },
      );
    }
  } catch (error) {
    // The marketplace works without demo data; say why it is missing and carry on.
    if (!stopping)
      output.event(
        'error',
        `seeding demo data failed (run \`npm run seed\` to retry): ${error instanceof Error ? error.message : String(error)}`,
      );
  }
}

if (!stopping) {
  output.phase('running');
  output.notice(
    `\n  Gigmart is up.\n  GraphQL endpoint:   ${stack.graphqlUrl}\n  Playground:         ${stack.gatewayUrl}/  (open it in a browser)\n` +
      (dev ? '' : `  Web client:         ${stack.urls.web}/\n`) +
      // Notification mail (services/inbox/README.md): .eml files here unless SMTP_URL sends it to a mail server.
      `  Mail:               ${process.env['SMTP_URL'] ? 'sent to SMTP_URL' : `${path.join(config.DATA_DIR, 'mail')}/*.eml`}\n` +
      `  Stop with Ctrl-C.\n\n`,
  );
}
