// A progress bar on standard error for long batch scans: only on a terminal, never in CI logs or with --quiet.
import cliProgress from 'cli-progress';
import type { Progress } from '../scan.js';
import type { CliIo } from './io.js';

export interface ProgressBar {
  update(p: Progress): void;
  stop(): void;
}

const NONE: ProgressBar = { update() {}, stop() {} };

/** The longest line the bar writes, for an 80-column terminal. */
export const PROGRESS_WIDTH = 80;

export function progressBar(io: CliIo, quiet: boolean): ProgressBar {
  const stream = io.stderr as unknown as NodeJS.WriteStream;
  if (quiet || io.stderr.isTTY !== true || io.env['CI'] || io.env['NO_PROGRESS'] || typeof stream.cursorTo !== 'function') return NONE;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      // At most 80 columns with six-digit counts: the component count is in the report.
      format: 'scanning [{bar}] {value}/{total} | {findings} findings, {errors} errors | ETA {eta_formatted}',
      barsize: 12,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      if (!started) {
        bar.start(p.total, 0, { components: 0, findings: 0, errors: 0 });
        started = true;
      }
      bar.update(p.done, { components: p.components, findings: p.findings, errors: p.errors });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
