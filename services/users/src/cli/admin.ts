/**
 * The only way to make an admin: `npm run admin -w services/users -- grant <username>` (or
 * `revoke <username>`, or `list`). Also `seller-since <username> <date>`: moves a seller's start
 * date back (an imported seller's history, demo data); seller levels count days as a seller. It uses the same configuration and database as the service
 * (MONGO_URL, else the local database under DATA_DIR, started if it is not running).
 * Admin rights reach a member's access tokens at their next log-in or refresh (15 minutes at most).
 */
import { connectDatabase, createLogger, loadConfig, startDatabaseServer } from '@gigmart/shared';
import { userModel } from '../modules/accounts/model.js';
import { usersEnvSchema } from '../config.js';
import { setAdmin, setSellerSince } from '../modules/profiles/service.js';

const USAGE = 'usage: npm run admin -w services/users -- grant <username> | revoke <username> | list | seller-since <username> <YYYY-MM-DD>';

async function main(argv: string[]): Promise<number> {
  const [command, username, date] = argv;
  const valid =
    command === 'list' || ((command === 'grant' || command === 'revoke') && username) || (command === 'seller-since' && username && date);
  if (!valid) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(usersEnvSchema);
  const logger = createLogger('users-admin', process.env['LOG_LEVEL'] ?? 'warn');
  const database = await startDatabaseServer({ logger, mongoUrl: config.MONGO_URL, dataDir: config.DATA_DIR });
  const connection = await connectDatabase(database.uri, 'users', logger);
  try {
    const users = userModel(connection);
    if (command === 'list') {
      const admins = await users.find({ roles: 'ADMIN' }, { username: 1, email: 1 }).sort({ username: 1 }).lean().exec();
      process.stdout.write(admins.length ? admins.map((a) => `${a.username} <${a.email}>\n`).join('') : 'No admins.\n');
      return 0;
    }
    if (command === 'seller-since') {
      const since = new Date(date!);
      if (Number.isNaN(since.getTime()) || since > new Date()) {
        process.stderr.write(`"${date}" is not a date in the past.\n`);
        return 2;
      }
      const seller = await setSellerSince(users, username!, since);
      if (!seller) {
        process.stderr.write(`No seller with the username "${username}".\n`);
        return 1;
      }
      process.stdout.write(`${seller.username} has been a seller since ${since.toISOString()}.\n`);
      return 0;
    }
    const user = await setAdmin(users, username!, command === 'grant');
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
    await database.stop();
  }
}

process.exitCode = await main(process.argv.slice(2));
