/**
 * `npm run reconcile -w services/gigs`: recomputes every gig's search stats (orders completed and
 * in queue, rating sum/count/average) from the orders service, the source of truth, and repairs
 * drift, printing each gig it changed. It uses the service's configuration (MONGO_URL, which the npm
 * script's gigmart-devdb sets to the local database under DATA_DIR when it is unset, ORDERS_URL,
 * SERVICE_TOKEN or the development one in DATA_DIR); the
 * orders service must be running. Safe while the services run and events keep arriving.
 */
import { randomUUID } from 'node:crypto';
import { createLogger, createMemberDirectory, fetchOrderFactsPage, loadConfig, openDatabase, resolveServiceToken } from '@gigmart/shared';
import { gigsEnvSchema } from '../config.js';
import { createContext, gigsModels } from '../context.js';
import { CategoryCatalog } from '../modules/categories/index.js';
import { createSearchLimit, GigSearchIndex } from '../modules/search/index.js';
import { reconcileStats, type GigStats, type GigStatsChange } from '../modules/stats/index.js';

/** One line per changed gig. */
function describeChange(change: GigStatsChange): string {
  const fields = (Object.keys(change.after) as Array<keyof GigStats>)
    .filter((k) => change.before[k] !== change.after[k])
    .map((k) => `${k} ${String(change.before[k])} -> ${String(change.after[k])}`);
  if (change.sortKey) fields.push(`ratingSortKey ${change.sortKey.before} -> ${change.sortKey.after}`);
  return `${change.slug} (${change.gigId}): ${fields.join(', ')}`;
}

async function main(): Promise<number> {
  const config = loadConfig(gigsEnvSchema, process.env, { MONGO_URL: '`npm run reconcile -w services/gigs` uses the local database' });
  const logger = createLogger('gigs-reconcile', process.env['LOG_LEVEL'] ?? 'warn');
  const { connection, models } = await openDatabase({ logger, mongoUri: config.MONGO_URL, dbName: 'gigs' }, gigsModels);
  try {
    const serviceToken = await resolveServiceToken(config.SERVICE_TOKEN, config.DATA_DIR);
    // The same operations the service runs, with a context that has no viewer.
    const ctx = createContext(
      { requestId: randomUUID(), logger, viewer: null },
      {
        models,
        categories: new CategoryCatalog(models.Category),
        members: createMemberDirectory({ usersUrl: config.USERS_URL, serviceToken }),
        clock: () => new Date(),
        // Reconciling attaches no files.
        media: null,
        searchLimit: createSearchLimit({ concurrency: config.GIGS_SEARCH_CONCURRENCY, queue: config.GIGS_SEARCH_QUEUE }),
        // This command searches nothing; the running services' indexes take its repairs with
        // their next reconciliation (GIGS_SEARCH_RECONCILE_SECONDS).
        searchIndex: new GigSearchIndex(),
      },
    );
    const report = await reconcileStats(ctx, (after) => fetchOrderFactsPage(config.ORDERS_URL, { after }, { serviceToken }));
    for (const change of report.changes) process.stdout.write(`changed ${describeChange(change)}\n`);
    process.stdout.write(
      `Checked ${report.ordersSeen} orders and ${report.gigsChecked} gigs: ${report.factsRepaired} order facts repaired, ` +
        `${report.changes.length} gig${report.changes.length === 1 ? '' : 's'} changed.\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`Reconciliation failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await connection.close();
  }
}

process.exitCode = await main();
