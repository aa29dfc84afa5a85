/** zod schemas of users as the API shows them (never with the password hash). */
import { z } from '../http/zod.ts';
import { roles } from './role.ts';

export const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    display_name: z.string().nullable(),
    role: z.enum(roles),
    department_id: z.number().int().nullable(),
    active: z.boolean(),
  })
  .openapi('User');

export const userRecordSchema = userSchema.extend({ created_at: z.string() }).openapi('UserRecord');
