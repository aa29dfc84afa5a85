/**
 * Starts civicgrid: opens the database (creating the embedded one on first start), migrates and
 * seeds it, creates demo users in a new database, serves the app and sweeps for overdue cases.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { createApp } from './app.ts';
import { scheduleOverdueSweep } from './cases/deadlines/overdue-schedule.ts';
import { BatchProgressHub } from './survey-batches/batch-progress.ts';
import { rootDir, type Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { prepareDatabase } from './db/migrate.ts';
import { importDemoSurvey } from './survey-batches/demo-survey-import.ts';
import { failInterruptedBatches } from './survey-batches/survey-batch.service.ts';
import { TileService } from './tiles/tile.service.ts';
import { createDemoUsersIfEmpty, formatDemoUsers } from './users/demo-users.ts';

export interface RunningServer {
  url: string;
  database: Database;
  close(): Promise<void>;
}

export const webDistDir = path.join(rootDir, 'web', 'dist');

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const started = Date.now();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    progress: (message) => logger.info(message),
  });
  try {
    const prepared = await prepareDatabase(database.knex);
    if (prepared.migrations.length > 0) logger.info({ migrations: prepared.migrations }, 'database migrated');
    if (prepared.seeded) logger.info('reference data loaded: classes, departments, responsibility rules, grids');
    const interrupted = await failInterruptedBatches(database.knex);
    if (interrupted > 0) logger.warn(`${interrupted} survey batch(es) were interrupted by the last stop and are marked failed`);
    const demoUsers = await createDemoUsersIfEmpty(database.knex);
    // a new database gets a first survey, so the map shows real components
    if (demoUsers.length > 0) await importDemoSurvey(database.knex, logger);

    const hub = new BatchProgressHub();
    const surveys = { uploadsDir: path.join(config.dataDir, 'uploads'), uploadLimitBytes: config.uploadLimitBytes, hub };
    const tiles = new TileService(database.knex);
    const app = createApp({ knex: database.knex, backend: database.backend, logger, webDir: webDistDir, auth: { secureCookies: config.production }, surveys, cards: { publicUrl: config.publicUrl }, tiles, basemaps: config.basemaps });
    const server = app.listen(config.port, config.host);
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
    // the first map to open need not count the inventory: the tile service does it now
    const warming = tiles.warm().catch((error: unknown) => logger.warn({ err: error }, 'the tile caches were not prepared at start-up'));
    const stopSweeps = scheduleOverdueSweep(database.knex, logger);
    const { port } = server.address() as AddressInfo;
    const url = `http://localhost:${port}`;
    logger.info({ backend: database.backend, ms: Date.now() - started }, `civicgrid is serving ${url}`);
    if (demoUsers.length > 0) process.stdout.write(formatDemoUsers(demoUsers, url) + '\n');

    return {
      url,
      database,
      async close() {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await warming;
        server.closeAllConnections();
        await stopSweeps();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
