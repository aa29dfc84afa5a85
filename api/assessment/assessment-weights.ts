/**
 * The weights of the composite assessment score (综合评分), kept in
 * data/cases/assessment-weights.json so the centre can change them and recompute.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { caseDataDir } from '../cases/deadlines/deadline-policy.ts';

/** The rates that make up the score. */
export const rateNames = ['on_time_rate', 'closure_rate', 'rework_rate', 'overdue_rate'] as const;
export type RateName = (typeof rateNames)[number];

const figure = z.object({
  weight: z.number().min(0),
  /** higher: the rate counts as it is; lower: inverted (1 − rate). */
  better: z.enum(['higher', 'lower']),
  name_zh: z.string().optional(),
});

const weightsSchema = z.object({
  description: z.string().optional(),
  figures: z
    .object({ on_time_rate: figure, closure_rate: figure, rework_rate: figure, overdue_rate: figure })
    .strict()
    .refine((figures) => Object.values(figures).some((f) => f.weight > 0), { message: 'at least one weight must be above 0' }),
});

export type AssessmentWeights = z.infer<typeof weightsSchema>;

const cache = new Map<string, AssessmentWeights>();

/** The weights in data/cases/assessment-weights.json, read and checked once. */
export function loadAssessmentWeights(dir: string = caseDataDir): AssessmentWeights {
  let weights = cache.get(dir);
  if (!weights) {
    const file = path.join(dir, 'assessment-weights.json');
    const parsed = weightsSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`data/cases/assessment-weights.json: ${issue?.path.join('.') || 'value'}: ${issue?.message}`);
    }
    weights = parsed.data;
    cache.set(dir, weights);
  }
  return weights;
}
