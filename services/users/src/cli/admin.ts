/**
 * The only way to make an admin: `npm run admin -w services/users -- grant <username>` (or
 * `revoke <username>`, or `list`). Also `seller-since <username> <date>`: moves a seller's start
 * date back (an imported seller's history, demo data); seller levels count days as a seller. It uses the same configuration and database as the service
 * (MONGO_URL; the npm script runs it under gigmart-devdb, which finds or starts the local database
 * under DATA_DIR when MONGO_URL is unset).
 * Admin rights reach a member's access tokens at their next log-in or refresh (15 minutes at most).
 */
import { randomUUID } from 'node:crypto';
import { createLogger, loadConfig, openDatabase } from '@gigmart/shared';
import { usersEnvSchema } from '../config.js';
import { createContext, usersModels } from '../context.js';
import { DEFAULT_SCRYPT_PARAMS, DummyPasswordCheck, LOGIN_THROTTLE, SIGN_UP_THROTTLE } from '../modules/accounts/index.js';
import { listAdmins, setAdmin, setSellerSince } from '../modules/profiles/index.js';

const USAGE =
  'usage: npm run admin -w services/users -- grant <username> | revoke <username> | list | seller-since <username> <YYYY-MM-DD>';

async function main(argv: string[]): Promise<number> {
  const [command, username, date] = argv;
  const valid =
    command === 'list' || ((command === 'grant' || command === 'revoke') && username) || (command === 'seller-since' && username && date);
  if (!valid) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(usersEnvSchema, process.env, { MONGO_URL: '`npm run admin -w services/users -- …` uses the local database' });
  const logger = createLogger('users-admin', process.env['LOG_LEVEL'] ?? 'warn');
  const { connection, models } = await openDatabase({ logger, mongoUri: config.MONGO_URL, dbName: 'users' }, usersModels);
  // A context with no viewer, as the service's jobs make: the command changes members, and neither
  // issues tokens nor checks passwords.
  const ctx = createContext(
    { requestId: `admin-${randomUUID()}`, logger, viewer: null },
    {
      models,
      clock: () => new Date(),
      signAccessToken: () => {
        throw new Error('the admin command issues no access tokens');
      },
      throttle: LOGIN_THROTTLE,
      signUpThrottle: SIGN_UP_THROTTLE,
      scrypt: DEFAULT_SCRYPT_PARAMS,
      dummyPassword: new DummyPasswordCheck(DEFAULT_SCRYPT_PARAMS),
      media: null,
    },
  );
  try {
    if (command === 'list') {
      const admins = await listAdmins(ctx);
      process.stdout.write(admins.length ? admins.map((a) => `${a.username} <${a.email}>\n`).join('') : 'No admins.\n');
      return 0;
    }
    if (command === 'seller-since') {
      const since = new Date(date!);
      if (Number.isNaN(since.getTime()) || since > ctx.clock()) {
        process.stderr.write(`"${date}" is not a date in the past.\n`);
        return 2;
      }
      const seller = await setSellerSince(ctx, { username: username!, since });
      if (!seller) {
        process.stderr.write(`No seller with the username "${username}".\n`);
        return 1;
      }
      process.stdout.write(`${seller.username} has been a seller since ${since.toISOString()}.\n`);
      return 0;
    }
    const user = await setAdmin(ctx, { username: username!, admin: command === 'grant' });
    if (!user) {
      process.stderr.write(`No member with the username "${username}".\n`);
      return 1;
    }
    const verb = command === 'grant' ? 'is now an admin' : 'is no longer an admin';
    process.stdout.write(`${user.username} (${String(user._id)}) ${verb}; roles: ${user.roles.join(', ')}.\n`);
    process.stdout.write('It takes effect with their next access token (log-in or refresh, within 15 minutes).\n');
    return 0;
  } finally {
    await connection.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
