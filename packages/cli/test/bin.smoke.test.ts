import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SEED_YAML } from './support/fixtures.js';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** Runs the built binary with `input` on stdin. */
function spawnReach(
  args: readonly string[],
  input: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? '' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}

describe('the built binary (smoke test)', () => {
  it('answers a query from stdin with the right exit code', async () => {
    if (!existsSync(BIN)) {
      throw new Error(
        `${BIN} does not exist: run pnpm build first (the smoke test runs the built CLI)`,
      );
    }
    const allowed = await spawnReach(
      ['query', '-f', '-', 'ops/ci-runner', 'production/deployment/web', '--port', '80'],
      SEED_YAML,
    );
    expect(allowed).toEqual({
      code: 0,
      stdout: 'yes\nops/ci-runner -> production/deployment/web TCP/80: allowed\n',
      stderr: '',
    });
    const denied = await spawnReach(
      ['query', '-f', '-', 'dev/debug', 'dev/deployment/web', '--port', '80', '-q'],
      SEED_YAML,
    );
    expect(denied).toEqual({ code: 1, stdout: '', stderr: '' });
    const usage = await spawnReach(['query', '--bogus'], '');
    expect(usage.code).toBe(2);
    expect(usage.stderr).not.toMatch(/\n\s+at /);
  });
});
