import { execFile, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SEED_YAML } from './support/fixtures.js';
import { checkXml } from './support/xml.js';

const BIN = fileURLToPath(new URL('../dist/reach.js', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs the built binary (or `script`, a link to it) with `input` on stdin, from the repo root. */
function spawnReach(
  args: readonly string[],
  input: string,
  script: string = BIN,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [script, ...args],
      { env: { PATH: process.env.PATH ?? '' }, cwd: REPO },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}

/** `count` pods in one namespace and no policies: every pair is connected. */
function openCluster(count: number): string {
  const pods = Array.from(
    { length: count },
    (_, i) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: pod-${i}, namespace: a, labels: {app: x}}\nspec: {containers: [{name: c, image: i}]}\n`,
  );
  return ['apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n', ...pods].join('---\n');
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

  it('runs reach test on the examples with JUnit output an XML checker accepts', async () => {
    const result = await spawnReach(
      ['test', 'examples/shop/tests/expectations.yaml', '-f', 'examples/shop', '-o', 'junit'],
      '',
    );
    expect(result.code).toBe(0);
    expect(checkXml(result.stdout).problems).toEqual([]);
    expect(result.stderr).toMatch(/^\d+ passed, 0 failed\n$/);
  });

  it('answers who-can-reach from a kubectl stream on stdin', async () => {
    const { readFileSync } = await import('node:fs');
    const result = await spawnReach(
      ['who-can-reach', '-f', '-', 'payments/svc/db', '--port', '5432', '-o', 'name', '-q'],
      readFileSync(join(REPO, 'examples/streams/kubectl-get.yaml'), 'utf8'),
    );
    // The db pod's own node reaches it too (kubelet probes): the API reference allows it.
    expect(result).toEqual({
      code: 0,
      stdout:
        'payments/web-6f7c9d8b5-2xk8p\npayments/web-6f7c9d8b5-q9mzt\n192.168.10.11-192.168.10.11\n',
      stderr: '',
    });
  });

  it('ships one self-contained file as both bins, loading only Node modules', async () => {
    const { readFileSync } = await import('node:fs');
    const { isBuiltin } = await import('node:module');
    const manifest = JSON.parse(
      readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'),
    ) as { bin: Record<string, string> };
    expect(manifest.bin).toEqual({ reach: './dist/reach.js', 'kubectl-reach': './dist/reach.js' });
    const code = readFileSync(BIN, 'utf8');
    expect(code.startsWith('#!/usr/bin/env node\n')).toBe(true);
    // Static imports and bundled `require`s: the workspace's own modules and the dependencies
    // are inside the file (a stray relative import would work here and break once installed).
    const specifiers = [
      ...code.matchAll(/^import [^;]*? from "([^"]+)"/gm),
      ...code.matchAll(/__require\("([^"]+)"\)/g),
    ].map((m) => m[1] as string);
    expect(specifiers.length).toBeGreaterThan(0);
    expect(specifiers.filter((s) => !isBuiltin(s))).toEqual([]);
  });

  it('works as the kubectl plugin kubectl-reach', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubectl-reach-'));
    const plugin = join(dir, 'kubectl-reach');
    symlinkSync(BIN, plugin);
    const help = await spawnReach(['query', '--help'], '', plugin);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: kubectl reach query FROM TO');
    const answer = await spawnReach(
      ['query', '-f', '-', 'ops/ci-runner', 'production/deployment/web', '--port', '80'],
      SEED_YAML,
      plugin,
    );
    expect(answer.code).toBe(0);
  });

  it('prints a bash completion script that bash accepts', async () => {
    const result = await spawnReach(['completion', 'bash'], '');
    expect(result.code).toBe(0);
    expect(() => execFileSync('bash', ['-n'], { input: result.stdout })).not.toThrow();
  });

  it('prints errors as one line, never a stack trace, exit 2', async () => {
    const result = await spawnReach(['query', '-f', 'no/such/dir', 'a', 'b'], '');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: no/such/dir: cannot read: no such file or directory\n');
  });

  it('ends quietly with exit 0 when the reader goes away (reach matrix ... | head -1)', async () => {
    expect(existsSync(BIN), `${BIN}: run pnpm build first`).toBe(true);
    const child = spawn(process.execPath, [BIN, 'matrix', '-f', '-', '-o', 'json'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end(openCluster(400));
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    let first = '';
    child.stdout.on('data', (chunk: Buffer) => {
      first += chunk.toString();
      // Like `head -1`: one line read, the pipe closed while reach still has much to write.
      if (first.includes('\n')) child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(first.startsWith('{\n')).toBe(true);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it.runIf(existsSync('/dev/full'))(
    'says in one line that stdout cannot be written (> /dev/full), exit 74, not a bug',
    async () => {
      expect(existsSync(BIN), `${BIN}: run pnpm build first`).toBe(true);
      for (const args of [
        ['matrix', '-f', '-', '--port', '80'],
        ['validate', '-f', '-', '-o', 'json'],
      ]) {
        const full = openSync('/dev/full', 'w');
        const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', full, 'pipe'] });
        closeSync(full);
        child.stdin?.end(openCluster(50));
        let stderr = '';
        child.stderr?.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
        expect(stderr).toBe(
          'error: cannot write to standard output: no space left on device (ENOSPC)\n',
        );
        expect(code).toBe(74);
      }
    },
  );
});
