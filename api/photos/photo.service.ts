/**
 * Who may fetch a photo: whoever may see what it belongs to. A component's photo is for the roles
 * that see components (admin, dispatcher, inspector, owner); a case photo is for those who may see
 * the case (an owner only its department's cases). A photo you may not see does not exist for you.
 */
import type { Knex } from 'knex';
import type { Principal } from '../auth/principal.ts';
import { canSeeCase, caseActorOf } from '../cases/case-actor.ts';
import { notFound } from '../http/errors.ts';
import type { Role } from '../users/role.ts';
import { findPhotoReferences } from './photo.repository.ts';
import { isPhotoHash, readPhoto, type PhotoSize } from './photo-store.ts';

/** Roles that see components, and so their photos. */
export const photoReaders = ['admin', 'dispatcher', 'inspector', 'owner'] as const satisfies readonly Role[];

/** The WebP bytes of a photo the principal may see; 404 otherwise. */
export async function fetchPhoto(knex: Knex, hash: string, size: PhotoSize, principal: Principal): Promise<Buffer> {
  const missing = () => notFound(`no photo ${hash}`);
  if (!isPhotoHash(hash)) throw missing();
  const references = await findPhotoReferences(knex, hash);
  const actor = caseActorOf(principal);
  const allowed =
    (references.onComponent && (photoReaders as readonly Role[]).includes(principal.role)) ||
    references.cases.some((row) => canSeeCase(actor, row));
  if (!allowed) throw missing();
  const bytes = await readPhoto(hash, size);
  if (!bytes) throw missing();
  return bytes;
}
