/** zod schemas of the ID card API (部件身份证). */
import { z } from '../http/zod.ts';
import { componentCode } from '../components/component.schemas.ts';
import { maxCardsPerRun } from './card.service.ts';

/** A sheet run: either codes or a grid, never both. */
export const cardSheetBody = z
  .object({
    codes: z
      .array(componentCode)
      .min(1, 'codes is empty: name at least one component')
      .max(maxCardsPerRun, `at most ${maxCardsPerRun} codes per sheet run: split the list`)
      .optional()
      .describe(`component codes, printed in the order given (at most ${maxCardsPerRun})`),
    grid: z
      .string()
      .regex(/^\d{6,16}$/, 'a grid code is digits, e.g. 320506001 (a town) or 32050600100101 (a base grid)')
      .optional()
      .describe('a grid code of any level: every component in it, in code order'),
  })
  .refine((body) => (body.codes === undefined) !== (body.grid === undefined), {
    message: 'send either codes (a list of component codes) or grid (a grid code), not both and not neither',
  })
  .openapi('CardSheetRequest');
