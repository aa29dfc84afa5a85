/**
 * Open311 clients' API keys: random, shown once when the client is created, stored only as a
 * sha-256 (a 192-bit random key needs no slow hash: nobody can guess it from its digest).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { recordAudit, type Actor } from '../audit/audit.repository.ts';
import { conflict } from '../http/errors.ts';
import { findActiveOpen311ClientByKeyHash, findOpen311ClientByName, insertOpen311Client, type Open311Client } from './open311-client.repository.ts';

const keyPrefix = 'o311_';

export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}

/** Creates a client; the returned api_key is never shown again. */
export async function createOpen311Client(knex: Knex, name: string, actor: Actor, requestId?: string): Promise<Open311Client & { api_key: string }> {
  const apiKey = keyPrefix + randomBytes(24).toString('base64url');
  return knex.transaction(async (trx) => {
    if (await findOpen311ClientByName(trx, name)) throw conflict(`an Open311 client named ${name} exists`);
    const client = await insertOpen311Client(trx, { name, api_key_hash: hashApiKey(apiKey), created_by: actor.userId });
    await recordAudit(trx, { actor, action: 'create', entity: 'open311_client', entityId: client.id, details: { name }, requestId: requestId ?? null });
    return { ...client, api_key: apiKey };
  });
}

/** The active client an API key belongs to, or undefined. */
export function authenticateOpen311Client(knex: Knex, apiKey: string): Promise<Open311Client | undefined> {
  if (!apiKey.startsWith(keyPrefix)) return Promise.resolve(undefined);
  return findActiveOpen311ClientByKeyHash(knex, hashApiKey(apiKey));
}
