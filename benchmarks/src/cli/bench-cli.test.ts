import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  sharedPath,
  skipWithoutShared,
} from '../../../packages/core/test/support/shared-folder.js';
import { benchCliCommand, childEnv, defaultHeapLimitMB } from './bench-cli.js';
import { CLI_COMMANDS, type CliCommand } from './commands.js';
import { ensureInput } from './inputs.js';
import { classifyExit, parseTimeOutput, runMeasured } from './measure-process.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SHARED = sharedPath('bench');

function command(name: string): CliCommand {
  const found = CLI_COMMANDS.find((c) => c.name === name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
}

describe('GNU time output', () => {
  it('reads the measurement line', () => {
    const text =
      'Command exited with non-zero status 1\nreach-bench wall=2.63 user=1.06 sys=0.23 maxrss_kb=106440 exit=1\n';
    expect(parseTimeOutput(text)).toEqual({
      wallS: 2.63,
      userS: 1.06,
      sysS: 0.23,
      maxRssKb: 106440,
      exitCode: 1,
    });
  });

  it('turns "terminated by signal N" into exit 128 + N', () => {
    const text =
      'Command terminated by signal 6\nreach-bench wall=0.12 user=0.08 sys=0.02 maxrss_kb=41340 exit=0\n';
    expect(parseTimeOutput(text)).toMatchObject({ exitCode: 134, signal: 6 });
    expect(parseTimeOutput('time: cannot run foo')).toBeUndefined();
  });

  it('sorts exits: expected, other, crash (70 or a signal), timeout', () => {
    expect(classifyExit({ exitCode: 1 }, [0, 1], false)).toBe('ok');
    expect(classifyExit({ exitCode: 2 }, [0, 1], false)).toBe('exit');
    expect(classifyExit({ exitCode: 70 }, [0], false)).toBe('crash');
    expect(classifyExit({ exitCode: 134, signal: 6 }, [0], false)).toBe('crash');
    expect(classifyExit({ exitCode: 143, signal: 15 }, [0], true)).toBe('timeout');
  });
});

describe('whole-process harness', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const options = {
    root: ROOT,
    workDir: join(dir, 'runs'),
    timeoutS: 60,
    heapLimitMB: 4096,
    keepOutput: true,
  };

  it('measures the built CLI on a generated cluster: wall, CPU, peak RSS, output', async () => {
    const input = ensureInput(
      { generator: 'kano-paper', pods: 60, policies: 30, seed: 1 },
      { cacheDir: join(dir, 'inputs'), sharedDir: SHARED },
    );
    expect(input.changed).toBe(5);
    const result = await benchCliCommand(input, command('matrix-port-json'), options);
    expect(result).toMatchObject({
      status: 'ok',
      exitCode: 0,
      generator: 'kano-paper',
      pods: 60,
      command: 'matrix-port-json',
      commandLine: 'reach matrix -f BASE --port 80 -o json > file',
    });
    expect(result.wallS).toBeGreaterThan(0);
    expect(result.cpuS).toBeCloseTo(result.userS + result.sysS, 1);
    expect(result.cpuS).toBeGreaterThan(0);
    // A Node process with a compiled cluster is tens of MB at least.
    expect(result.peakRssMB).toBeGreaterThan(20);
    const out = readFileSync(join(dir, 'runs', 'matrix-port-json.out'), 'utf8');
    expect(result.outputBytes).toBe(Buffer.byteLength(out));
    const doc = JSON.parse(out) as { kind: string; pods: unknown[] };
    expect(doc.kind).toBe('ReachabilityMatrix');
    expect(doc.pods).toHaveLength(60);
    // The cache answers the second time with the same input.
    expect(
      ensureInput(
        { generator: 'kano-paper', pods: 60, policies: 30, seed: 1 },
        { cacheDir: join(dir, 'inputs'), sharedDir: SHARED },
      ),
    ).toEqual(input);
  }, 60_000);

  it.skipIf(skipWithoutShared('bench:cli with gen_cluster.py', 'bench/gen_cluster.py'))(
    'runs gen_cluster.py and diffs BASE against a HEAD that changed',
    async () => {
      const input = ensureInput(
        { generator: 'gen_cluster', pods: 60, policies: 12, seed: 7 },
        { cacheDir: join(dir, 'inputs'), sharedDir: SHARED },
      );
      const result = await benchCliCommand(input, command('diff'), options);
      // diff exits 1 when connectivity changed: the HEAD's edits show.
      expect(result).toMatchObject({ status: 'ok', exitCode: 1, command: 'diff' });
      const doc = JSON.parse(readFileSync(join(dir, 'runs', 'diff.out'), 'utf8')) as {
        kind: string;
      };
      expect(doc.kind).toBe('ConnectivityDiff');
    },
    60_000,
  );

  it('records a timeout and a crash as such, not as a harness failure', async () => {
    const run = (code: string, timeoutS: number) =>
      runMeasured({
        argv: [process.execPath, '-e', code],
        cwd: dir,
        outFile: join(dir, 'x.out'),
        errFile: join(dir, 'x.err'),
        timeFile: join(dir, 'x.time'),
        timeoutS,
        expectedExit: [0],
        env: childEnv(),
      });
    // A busy child stopped by TERM: GNU time still reaps it and reports what it used (a Node
    // process is 30 MB or more; a lost measurement would be GNU time's own 2 MB).
    const slow = await run('for (;;);', 2);
    expect(slow).toMatchObject({ status: 'timeout', exitCode: 143, signal: 15 });
    expect(slow.wallS).toBeGreaterThanOrEqual(2);
    expect(slow.cpuS).toBeGreaterThan(0);
    expect(slow.peakRssMB).toBeGreaterThan(25);
    const bug = await run('console.error("reach: internal error: x"); process.exit(70)', 30);
    expect(bug).toMatchObject({
      status: 'crash',
      exitCode: 70,
      stderrTail: 'reach: internal error: x',
    });
  }, 60_000);

  it("reports Node's default heap limit, with NODE_OPTIONS left out", () => {
    expect(childEnv().NODE_OPTIONS).toBeUndefined();
    expect(defaultHeapLimitMB()).toBeGreaterThan(500);
  });
});
