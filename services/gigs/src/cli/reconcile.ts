/**
 * `npm run reconcile -w services/gigs`: recomputes every gig's search stats (orders completed and
 * in queue, rating sum/count/average) from the orders service, the source of truth, and repairs
 * drift, printing each gig it changed. It uses the service's configuration (MONGO_URL or the local
 * database under DATA_DIR, ORDERS_URL, SERVICE_TOKEN or the development one in DATA_DIR); the
 * orders service must be running. Safe while the services run and events keep arriving.
 */
import {
  connectDatabase,
  createLogger,
  fetchOrderFactsPage,
  loadConfig,
  resolveServiceToken,
  startDatabaseServer,
} from '@gigmart/shared';
import { gigsEnvSchema } from '../config.js';
import { gigModel } from '../modules/gigs/model.js';
import { describeChange, orderFactModel, reconcileStats } from '../modules/stats/index.js';

async function main(): Promise<number> {
  const config = loadConfig(gigsEnvSchema);
  const logger = createLogger('gigs-reconcile', process.env['LOG_LEVEL'] ?? 'warn');
  const database = await startDatabaseServer({ logger, mongoUrl: config.MONGO_URL, dataDir: config.DATA_DIR });
  const connection = await connectDatabase(database.uri, 'gigs', logger);
  try {
    const serviceToken = await resolveServiceToken(config.SERVICE_TOKEN, config.DATA_DIR);
    const models = { Gig: gigModel(connection), OrderFact: orderFactModel(connection) };
    const report = await reconcileStats(models, (after) => fetchOrderFactsPage(config.ORDERS_URL, { after }, { serviceToken }));
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
    await database.stop();
  }
}

process.exitCode = await main();
