/**
 * `gigmart-devdb [--] <command> [args...]`: runs a command with a database.
 *
 * It finds or starts the local database exactly as `npm start` does (startDatabaseServer: MONGO_URL
 * when set, else a mongod on this machine, else our FerretDB build under DATA_DIR, reusing a server
 * another process already runs on that DATA_DIR), runs the command with MONGO_URL (and DATA_DIR)
 * set to it, forwards SIGINT, SIGTERM and SIGHUP to it, and when the command exits stops a server
 * it started and exits with the command's code. The services' `npm run dev` use it, e.g.
 * `gigmart-devdb -- tsx watch --conditions=development src/main.ts`, so that a service's own
 * runtime never starts a database.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import path from 'node:path';
import { startDatabaseServer, type DatabaseServer } from './launcher.js';
import { createDevLogger } from './logger.js';
import { defaultDataDir } from './paths.js';

const USAGE = 'usage: gigmart-devdb [--] <command> [args...]   (runs the command with MONGO_URL set to the local database)';
const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return signal ? 128 + (constants.signals[signal] ?? 0) : 1;
}

async function main(argv: string[]): Promise<never> {
  const [command, ...args] = argv[0] === '--' ? argv.slice(1) : argv;
  if (!command) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const logger = createDevLogger('devdb', process.env['LOG_LEVEL']);
  const dataDir = path.resolve(process.env['DATA_DIR'] || defaultDataDir);

  // A signal while the database starts (the first FerretDB build takes a minute or two): nothing
  // runs yet but the server, which exits with us (its stdin is our pipe).
  let child: ReturnType<typeof spawn> | null = null;
  for (const signal of forwarded) {
    process.on(signal, () => {
      if (child) child.kill(signal);
      else process.exit(exitCodeOf(null, signal));
    });
  }

  let server: DatabaseServer;
  try {
    server = await startDatabaseServer({ logger, mongoUrl: process.env['MONGO_URL'] || undefined, dataDir });
  } catch (error) {
    logger.fatal({ err: error }, 'gigmart-devdb: no database could be found or started');
    process.exit(1);
  }

  const started = spawn(command, args, {
    stdio: 'inherit',
    env: { ...process.env, MONGO_URL: server.uri, DATA_DIR: dataDir },
  });
  child = started;
  const code = await new Promise<number>((resolve) => {
    started.once('error', (error) => {
      logger.error({ err: error, command }, `gigmart-devdb: could not run ${command}`);
      resolve(127);
    });
    started.once('exit', (exitCode, signal) => resolve(exitCodeOf(exitCode, signal)));
  });
  await server.stop().catch((error: unknown) => logger.error({ err: error }, 'gigmart-devdb: stopping the database failed'));
  process.exit(code);
}

await main(process.argv.slice(2));
