/**
 * `npm start`: the whole marketplace on one machine. One database server (see the README's
 * "Database"), then each subgraph in its own process, then the gateway; prints where to go once
 * the gateway is ready; Ctrl-C or SIGTERM stops everything and leaves no process behind.
 *
 * It builds first (turbo, cached: a no-op when nothing changed). `--dev` skips the build and runs
 * every process from source with reload on change (tsx watch) instead.
 *
 * This file itself always runs from source (`--conditions=development`): on a fresh clone there is
 * no dist/ to import before the build it starts has run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import {
  baseEnvSchema,
  createLogger,
  env,
  loadConfig,
  repoRoot,
  resolveServiceToken,
  z,
} from '@gigmart/shared';
import { startDatabaseServer } from '@gigmart/devdb';
import { adminCommandBackdater, isMarketplaceEmpty, seedDemo } from './seed/index.js';

const dev = process.argv.includes('--dev');

const config = loadConfig(
  baseEnvSchema.extend({
    GATEWAY_PORT: env.port(4000),
    USERS_PORT: env.port(4001),
    GIGS_PORT: env.port(4002),
    ORDERS_PORT: env.port(4003),
    WEB_PORT: env.port(5173),
    /** Fill an empty marketplace with demo sellers, gigs and orders on start. */
    SEED_DEMO: env.bool(true),
    SERVICE_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  }),
);
const logger = createLogger('stack', config.LOG_LEVEL);

const children = new Map<string, ChildProcess>();
let stopping = false;

function run(name: string, dir: string, extraEnv: Record<string, string>, entry?: string[]): ChildProcess {
  const cwd = path.join(repoRoot, dir);
  const [command, args] = entry
    ? [process.execPath, entry]
    : dev
      ? [process.execPath, [path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'watch', '--clear-screen=false', '--conditions=development', 'src/main.ts']]
      : [process.execPath, ['dist/main.js']];
  const child = spawn(command, args as string[], {
    cwd,
    env: { ...process.env, ...extraEnv },
    // The IPC channel lets a child notice that this process died, even by SIGKILL (see shared/service).
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      logger.error({ process: name, code, signal }, `${name} stopped unexpectedly: stopping the stack`);
      void shutdown(1);
    }
  });
  return child;
}

async function waitUntilReady(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

let database: Awaited<ReturnType<typeof startDatabaseServer>> | null = null;

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info('stopping the stack');
  const exits = [...children.values()].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  );
  await Promise.all(exits);
  await database?.stop();
  logger.info('stack stopped');
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

/** `turbo run build`, cached; its output only shows when it fails. */
async function build(): Promise<void> {
  const turbo = spawn(path.join(repoRoot, 'node_modules/.bin/turbo'), ['run', 'build', '--output-logs=errors-only'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
  });
  children.set('build', turbo);
  const code = await new Promise<number | null>((resolve) => turbo.on('exit', (c) => resolve(c)));
  children.delete('build');
  if (code !== 0 && !stopping) throw new Error(`the build failed (turbo exited with ${code})`);
}

try {
  if (!dev) await build();
  if (stopping) await new Promise(() => {});
  database = await startDatabaseServer({ logger, mongoUrl: config.MONGO_URL, dataDir: config.DATA_DIR });
  const serviceToken = await resolveServiceToken(config.SERVICE_TOKEN, config.DATA_DIR);
  const local = (port: number) => `http://127.0.0.1:${port}`;
  const shared: Record<string, string> = {
    MONGO_URL: database.uri,
    DATA_DIR: config.DATA_DIR,
    SERVICE_TOKEN: serviceToken,
    USERS_URL: local(config.USERS_PORT),
    GIGS_URL: local(config.GIGS_PORT),
    ORDERS_URL: local(config.ORDERS_PORT),
    USERS_PORT: String(config.USERS_PORT),
    GIGS_PORT: String(config.GIGS_PORT),
    ORDERS_PORT: String(config.ORDERS_PORT),
    GATEWAY_PORT: String(config.GATEWAY_PORT),
  };
  run('users', 'services/users', shared);
  run('gigs', 'services/gigs', shared);
  run('orders', 'services/orders', shared);
  run('gateway', 'gateway', shared);

  const gatewayUrl = local(config.GATEWAY_PORT);
  // The web client is served from its build (dev mode: run `npm run dev -w clients/web` instead).
  const webUrl = local(config.WEB_PORT);
  if (!dev) run('web', 'clients/web', { ...shared, WEB_PORT: String(config.WEB_PORT), GATEWAY_URL: gatewayUrl }, ['server.mjs']);

  if (await waitUntilReady(`${gatewayUrl}/ready`, 120_000)) {
    if (config.SEED_DEMO) {
      try {
        if (await isMarketplaceEmpty(`${gatewayUrl}/graphql`)) {
          logger.info('the marketplace is empty: seeding demo data (SEED_DEMO=false skips this)');
          await seedDemo(`${gatewayUrl}/graphql`, (message) => logger.info(message.trim()), {
            backdateSeller: adminCommandBackdater({ ...process.env, MONGO_URL: database!.uri, DATA_DIR: config.DATA_DIR }),
          });
        }
      } catch (error) {
        // The marketplace works without demo data; say why it is missing and carry on.
        logger.error({ err: error }, 'seeding demo data failed (run `npm run seed` to retry)');
      }
    }
    process.stdout.write(
      `\n  Gigmart is up.\n  GraphQL endpoint:   ${gatewayUrl}/graphql\n  Playground:         ${gatewayUrl}/  (open it in a browser)\n` +
        (dev ? '' : `  Web client:         ${webUrl}/\n`) +
        `  Stop with Ctrl-C.\n\n`,
    );
  } else if (!stopping) {
    logger.error(`the gateway did not become ready: see ${gatewayUrl}/ready`);
  }
} catch (error) {
  logger.fatal({ err: error }, 'the stack failed to start');
  await shutdown(1);
}
