// A whole-process run of `reach matrix -o json` on 5,000 pods (issue 15): it died with
// "Invalid string length" at 4.6 GB before output was streamed. Its own Vitest project
// (cli-big), run after the others, so its two busy cores do not slow their timed tests.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, loadCluster } from '@kube-reach/core';
import { describe, expect, it } from 'vitest';
import { sharedPath, skipWithoutShared } from '../../core/test/support/shared-folder.js';

const BIN = fileURLToPath(new URL('../dist/reach.js', import.meta.url));
const GENERATOR = sharedPath('bench/gen_cluster.py');
const SKIP = skipWithoutShared('reach matrix -o json at 5,000 pods', 'bench/gen_cluster.py');

describe.skipIf(SKIP)('reach matrix -o json at 5,000 pods (built binary)', () => {
  it('writes reach matrix -o json for a generated 5,000-pod cluster as valid JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reach-5k-'));
    execFileSync('python3', [GENERATOR, dir, '5000', '500']);
    const child = spawn(process.execPath, [BIN, 'matrix', '-f', dir, '-o', 'json', '-q'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Validated as it arrives: the exact head, then the elements in batches, each batch
    // parsed by JSON.parse; the whole text (about 1.9 GB) is never held.
    const head =
      '{\n  "apiVersion": "kube-reach/v1alpha1",\n  "kind": "ConnectivityList",\n  "connections": [\n';
    const tail = '\n  ]\n}\n';
    let pending = '';
    let seenHead = false;
    let connections = 0;
    const fromPods = new Set<string>();
    const parseBatch = (text: string): void => {
      const batch = JSON.parse(`[${text}]`) as { from: string; to: string; allowed: unknown }[];
      connections += batch.length;
      for (const c of batch) fromPods.add(c.from);
      const last = batch.at(-1);
      expect(Object.keys(last ?? {})).toEqual(['from', 'to', 'allowed']);
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      if (!seenHead) {
        if (pending.length < head.length) return;
        expect(pending.slice(0, head.length)).toBe(head);
        pending = pending.slice(head.length);
        seenHead = true;
      }
      // Up to the last complete element, i.e. the last `\n    },\n`.
      const end = pending.lastIndexOf('\n    },\n');
      if (end < 0) return;
      parseBatch(pending.slice(0, end + 6));
      pending = pending.slice(end + 8);
    });
    // The expected count, from the library, while the child writes (another core).
    const text = readdirSync(dir)
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n---\n');
    const engine = compile(loadCluster(text));
    let expected = 0;
    const expectedFrom = new Set<string>();
    for (const c of engine.eachConnection('pod')) {
      expected++;
      expectedFrom.add(c.from);
    }
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(pending.endsWith(tail)).toBe(true);
    parseBatch(pending.slice(0, pending.length - tail.length));
    expect(connections).toBe(expected);
    expect(fromPods).toEqual(expectedFrom);
  }, 600_000);
});
