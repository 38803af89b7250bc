// The progress bar fits an 80-column terminal, even with large counts.
import { describe, expect, it } from 'vitest';
import { progressBar } from '../../src/cli/progress.js';
import type { CliIo } from '../../src/cli/io.js';

describe('progress bar', () => {
  it('writes no line wider than 80 columns with six-digit counts', () => {
    let written = '';
    const stderr = {
      isTTY: true,
      columns: 200,
      write: (s: string) => {
        written += s;
        return true;
      },
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
      on: () => stderr,
      removeListener: () => stderr,
    };
    const io = { stderr, stdout: { write: () => true }, env: {}, cwd: process.cwd() } as unknown as CliIo;
    const bar = progressBar(io, false);
    bar.update({ done: 123_456, total: 999_999, components: 98_765_432, findings: 123_456, errors: 99_999 } as never);
    bar.stop();
    const lines = written.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '\n').split(/[\r\n]/).filter((l) => l.trim() !== '');
    expect(lines.some((l) => l.includes('123456/999999'))).toBe(true);
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(80);
  });
});
