/**
 * The only reader of the environment: parsed once with zod, then passed around as a value.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defaultBasemaps, parseBasemaps, type Basemap } from './basemaps/basemap.config.ts';

/** The repository root (the folder holding package.json). */
export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  CIVICGRID_DATA_DIR: z.string().min(1).optional(),
  CIVICGRID_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/]+/, 'must be an http:// or https:// URL, e.g. https://grid.example.cn')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** JSON array of online basemaps (see api/basemaps/basemap.config.ts); unset: the defaults. */
  CIVICGRID_BASEMAPS: z.string().optional(),
  CIVICGRID_TIANDITU_KEY: z.string().regex(/^\w{8,64}$/, 'a Tianditu key: letters and digits').optional(),
  CIVICGRID_UPLOAD_LIMIT_MB: z.coerce.number().int().min(1).max(10_240).default(1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
});

/** The environment is not usable; the message lists each problem. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface Config {
  port: number;
  host: string;
  /** Set: PostgreSQL/PostGIS server. Unset: the embedded PGlite database under dataDir. */
  databaseUrl: string | undefined;
  /** Embedded database, uploads and media live here (git-ignored). */
  dataDir: string;
  /** The address people open civicgrid at (ID cards' QR codes); unset: each request's origin. */
  publicUrl: string | undefined;
  /** Largest accepted survey upload. */
  uploadLimitBytes: number;
  /** The online basemaps users may choose (the default map needs none). */
  basemaps: Basemap[];
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  production: boolean;
}

/** Parses an environment (process.env by default) into a Config, or throws a readable error. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid environment:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  let basemaps: Basemap[];
  try {
    basemaps = e.CIVICGRID_BASEMAPS === undefined ? defaultBasemaps(e.CIVICGRID_TIANDITU_KEY) : parseBasemaps(e.CIVICGRID_BASEMAPS);
  } catch (error) {
    throw new ConfigError(`invalid environment:\n  CIVICGRID_BASEMAPS: ${(error as Error).message}`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.CIVICGRID_DATA_DIR ?? path.join(rootDir, 'data', 'local')),
    publicUrl: e.CIVICGRID_PUBLIC_URL?.replace(/\/+$/, ''),
    uploadLimitBytes: e.CIVICGRID_UPLOAD_LIMIT_MB * 1024 * 1024,
    basemaps,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
  };
}
