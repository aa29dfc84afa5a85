/** SQL for Open311 clients: the apps and hotlines that report on citizens' behalf. */
import type { Knex } from 'knex';

export interface Open311ClientRow {
  id: number;
  name: string;
  api_key_hash: string;
  active: boolean;
  created_by: number | null;
  created_at: Date;
}

/** A client as shown to admins: never the key's hash. */
export type Open311Client = Omit<Open311ClientRow, 'api_key_hash'>;

const publicColumns = ['id', 'name', 'active', 'created_by', 'created_at'];

export async function insertOpen311Client(knex: Knex, client: Pick<Open311ClientRow, 'name' | 'api_key_hash' | 'created_by'>): Promise<Open311Client> {
  const [row] = await knex('open311_clients').insert(client).returning(publicColumns);
  return row as Open311Client;
}

export function findOpen311ClientByName(knex: Knex, name: string): Promise<Open311Client | undefined> {
  return knex('open311_clients').select(publicColumns).where({ name }).first();
}

/** The active client holding the key with this hash. */
export function findActiveOpen311ClientByKeyHash(knex: Knex, apiKeyHash: string): Promise<Open311Client | undefined> {
  return knex('open311_clients').select(publicColumns).where({ api_key_hash: apiKeyHash, active: true }).first();
}

export function listOpen311Clients(knex: Knex): Promise<Open311Client[]> {
  return knex('open311_clients').select(publicColumns).orderBy('name');
}
