/**
 * The migrations, in order. Listed by hand (not scanned from disk) so that they load the same way
 * under tsx, in tests and from the CLI.
 */
import type { Knex } from 'knex';
import * as reference from './001-reference.migration.ts';
import * as users from './002-users.migration.ts';
import * as components from './003-components.migration.ts';
import * as cases from './004-cases.migration.ts';
import * as surveyStaging from './005-survey-staging.migration.ts';
import * as dataVersion from './006-data-version.migration.ts';
import * as ownership from './007-ownership.migration.ts';
import * as caseCatalogue from './008-case-catalogue.migration.ts';
import * as caseLoop from './009-case-loop.migration.ts';
import * as componentStatistics from './010-component-statistics.migration.ts';
import * as photos from './011-photos.migration.ts';
import * as componentGridClassIndex from './012-component-grid-class-index.migration.ts';

const migrations: Record<string, Knex.Migration> = {
  '001-reference': reference,
  '002-users': users,
  '003-components': components,
  '004-cases': cases,
  '005-survey-staging': surveyStaging,
  '006-data-version': dataVersion,
  '007-ownership': ownership,
  '008-case-catalogue': caseCatalogue,
  '009-case-loop': caseLoop,
  '010-component-statistics': componentStatistics,
  '011-photos': photos,
  '012-component-grid-class-index': componentGridClassIndex,
};

/** A knex migration source over the list above. */
export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const migration = migrations[name];
    if (!migration) throw new Error(`unknown migration ${name}`);
    return migration;
  },
};
