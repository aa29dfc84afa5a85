/**
 * A one-line progress bar on a terminal (stderr): rows, rate, ETA. Silent when stderr is not a
 * terminal, so logs and pipes stay clean.
 */
import type { BatchProgress } from '../survey-batches/batch-progress.ts';

const width = 28;

export class ProgressBar {
  private readonly enabled: boolean;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.enabled = Boolean(stream.isTTY);
  }

  update(p: BatchProgress): void {
    if (!this.enabled) return;
    const fraction = p.rowsTotal > 0 ? Math.min(p.rowsDone / p.rowsTotal, 1) : 0;
    const filled = Math.round(fraction * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const eta = p.etaSeconds !== undefined && p.phase === 'read' ? ` ETA ${formatSeconds(p.etaSeconds)}` : '';
    const phase = p.phase === 'read' ? (p.layer ?? '') : (p.message ?? p.phase);
    const line = `${bar} ${(fraction * 100).toFixed(0).padStart(3)}% ${p.rowsDone.toLocaleString('en')}/${p.rowsTotal.toLocaleString('en')} rows ${Math.round(p.rate).toLocaleString('en')}/s${eta}  ${phase}`;
    this.stream.write(`\r\x1b[2K${line}`);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}

function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
