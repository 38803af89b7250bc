#!/usr/bin/env node
// The ictscan executable: hand the process to run() and exit with its code.
import { run } from './run.js';

/** Standard input, read up to one byte past the limit (the caller refuses it then): `cat /dev/zero | ictscan scan -` must not exhaust memory. */
async function readStdin(maxSize: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(b);
    size += b.length;
    if (size > maxSize) {
      process.stdin.destroy();
      break;
    }
  }
  return Buffer.concat(chunks);
}

// A reader that stops early (`ictscan scan … | head`) closes the pipe: stop quietly with the exit code the run
// has set, as other command-line tools do, instead of dying on an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: readStdin, stdinIsTTY: process.stdin.isTTY === true, env: process.env, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`ictscan: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
