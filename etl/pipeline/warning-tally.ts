/** Counts warnings by rule for the batch report, keeping a few examples of each. */
import type { RowWarning } from './row-stages.ts';

export type WarningSummary = Record<string, { count: number; examples: Omit<RowWarning, 'rule'>[] }>;

const examplesPerRule = 20;

export class WarningTally {
  private readonly byRule: WarningSummary = {};

  add(warning: RowWarning): void {
    const entry = (this.byRule[warning.rule] ??= { count: 0, examples: [] });
    entry.count++;
    if (entry.examples.length < examplesPerRule) entry.examples.push({ layer: warning.layer, row: warning.row, message: warning.message });
  }

  summary(): WarningSummary {
    return this.byRule;
  }
}
