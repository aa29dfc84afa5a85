/**
 * `civicgrid` — the command line: serve, db, user, demo. `--json` makes output machine-readable.
 */
import { parseArgs } from 'node:util';
import { commandLineActor } from './audit/audit.repository.ts';
import { ZodError } from 'zod';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DatabaseUnavailableError, openDatabase, type Database } from './db/database.ts';
import { EmbeddedDatabaseError } from './db/embedded-database.ts';
import { migrationStatus, prepareDatabase, rollbackAll } from './db/migrate.ts';
import { HttpError } from './http/errors.ts';
import { createLogger } from './logger.ts';
import { createUser } from './users/user.service.ts';
import { batchSummary, formatBatch, runImport, runInspect } from './cli/survey-commands.ts';
import type { ImportOptions } from '../etl/pipeline/import-survey.ts';
import { version } from './version.ts';

const usage = `civicgrid ${version} — component census and repair cases for a grid-governed district

usage:
  civicgrid serve                     start the server (PORT, DATABASE_URL, CIVICGRID_DATA_DIR, LOG_LEVEL)
  civicgrid db migrate|status|reset   migrate and seed, list migrations, or roll back everything and re-migrate
  civicgrid user add --username NAME --role ROLE [--department CODE] [--display-name TEXT] --password-stdin
  civicgrid demo --count N --out DIR [--seed N]
                                      write a contractor-style demo survey (GBK .dbf, CGCS2000 GK CM 120E)
  civicgrid inspect PATH [--srs EPSG:n] [--encoding E] [--datum gcj02|bd09] [--towgs84 dx,dy,dz]
                                      print a .zip, folder or .shp as WGS 84 GeoJSON (no database)
  civicgrid import PATH [--contractor NAME] [--profile P] [--srs] [--encoding] [--datum] [--towgs84] [--commit]
                                      validate a survey into a batch (and apply it with --commit)
options:
  --json   print results as JSON
  --help   this text`;

class UsageError extends Error {}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
    username: { type: 'string' },
    role: { type: 'string' },
    department: { type: 'string' },
    'display-name': { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
    count: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
    srs: { type: 'string' },
    encoding: { type: 'string' },
    datum: { type: 'string' },
    towgs84: { type: 'string' },
    profile: { type: 'string' },
    contractor: { type: 'string' },
    commit: { type: 'boolean', default: false },
  },
  strict: false,
});

function print(result: unknown, text: string): void {
  process.stdout.write(values.json ? JSON.stringify(result, null, 2) + '\n' : text + '\n');
}

async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, progress: (m) => process.stderr.write(`${m}\n`) });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function importOptions(): ImportOptions {
  const datum = values.datum as string | undefined;
  if (datum !== undefined && datum !== 'gcj02' && datum !== 'bd09') throw new UsageError('--datum is gcj02 or bd09');
  const pick = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  return { srs: pick('srs'), encoding: pick('encoding'), datum, towgs84: pick('towgs84'), profile: pick('profile') };
}

/** Errors about the input (they carry the rule they broke): the user's to fix. */
function isInputError(error: unknown): boolean {
  return error instanceof HttpError || typeof (error as { rule?: unknown })?.rule === 'string';
}

async function main(): Promise<void> {
  const [command = 'serve', sub] = positionals;
  if (values.help || command === 'help') return print({ usage }, usage);
  const config = loadConfig();

  switch (command) {
    case 'serve': {
      const logger = createLogger(config);
      // loaded only to serve: the other commands start faster without express and the web stack
      const { startServer } = await import('./server.ts');
      const server = await startServer(config, logger);
      const stop = async (signal: string) => {
        logger.info(`${signal}: shutting down`);
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop).once('SIGTERM', stop);
      return;
    }
    case 'db':
      return withDatabase(config, async ({ knex, backend }) => {
        if (sub === 'status') {
          const status = await migrationStatus(knex);
          return print({ backend, ...status }, `backend ${backend}\napplied: ${status.applied.join(', ') || 'none'}\npending: ${status.pending.join(', ') || 'none'}`);
        }
        if (sub === 'reset') await rollbackAll(knex);
        else if (sub !== 'migrate') throw new UsageError(`unknown db command ${sub ?? ''}: use migrate, status or reset`);
        const result = await prepareDatabase(knex);
        print({ backend, ...result }, `backend ${backend}: migrations applied: ${result.migrations.join(', ') || 'none'}; reference data ${result.seeded ? 'loaded' : 'unchanged'}`);
      });
    case 'user': {
      if (sub !== 'add') throw new UsageError('usage: civicgrid user add --username NAME --role ROLE [--department CODE] --password-stdin');
      if (!values['password-stdin']) throw new UsageError('give the password on standard input with --password-stdin (never on the command line)');
      const password = await readStdin();
      return withDatabase(config, async ({ knex }) => {
        await prepareDatabase(knex);
        const user = await createUser(
          knex,
          {
            username: String(values.username ?? ''),
            role: values.role as never,
            department: values.department as string | undefined,
            display_name: values['display-name'] as string | undefined,
            password,
          },
          commandLineActor,
        );
        print(user, `created user ${user.username} (${user.role}, id ${user.id})`);
      });
    }
    case 'demo': {
      const count = Number(values.count ?? 1000);
      if (!Number.isInteger(count) || count < 1 || count > 2_000_000) throw new UsageError('--count must be a whole number from 1 to 2000000');
      if (typeof values.out !== 'string') throw new UsageError('--out DIR is required');
      const { writeDemoSurvey } = await import('../etl/demo/demo-survey.ts');
      const result = await writeDemoSurvey({ count, outDir: values.out, ...(values.seed ? { seed: Number(values.seed) } : {}) });
      return print(result, `wrote ${result.count} components to:\n  ${result.files.join('\n  ')}`);
    }
    case 'inspect': {
      if (!sub) throw new UsageError('usage: civicgrid inspect PATH [--srs EPSG:n] [--encoding E] [--datum gcj02|bd09]');
      try {
        return await runInspect(sub, importOptions(), process.stdout, (line) => process.stderr.write(`${line}\n`));
      } catch (error) {
        // bad input is the user's to fix: one line, exit 2
        if (isInputError(error)) throw new UsageError(`${sub}: ${(error as Error).message}`);
        throw error;
      }
    }
    case 'import': {
      if (!sub) throw new UsageError('usage: civicgrid import PATH [--contractor NAME] [--commit] [--json]');
      return withDatabase(config, async ({ knex }) => {
        await prepareDatabase(knex);
        const batch = await runImport(knex, sub, { ...importOptions(), contractor: values.contractor as string | undefined, commit: Boolean(values.commit), json: Boolean(values.json) });
        print(batchSummary(batch), formatBatch(batch));
        if (batch.state === 'failed') process.exitCode = 1;
      });
    }
    default:
      throw new UsageError(`unknown command ${command}\n\n${usage}`);
  }
}

/** Errors whose message says all a person needs; anything else is a bug and shows its stack. */
const expectedErrors = [HttpError, UsageError, ConfigError, EmbeddedDatabaseError, DatabaseUnavailableError];

// a reader that went away (`civicgrid inspect x | head`) is not an error
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main().catch((error: unknown) => {
  if (error instanceof ZodError) {
    const issues = error.issues.map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`);
    process.stderr.write(`civicgrid: ${issues.join('; ')}\n`);
  } else if (expectedErrors.some((type) => error instanceof type) || isInputError(error)) {
    process.stderr.write(`civicgrid: ${(error as Error).message}\n`);
  } else {
    process.stderr.write(`civicgrid: unexpected error\n${error instanceof Error ? error.stack : String(error)}\n`);
  }
  process.exit(error instanceof UsageError ? 2 : 1);
});
