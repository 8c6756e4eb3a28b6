import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { reach, SEED_FILES, SEED_YAML } from './support/fixtures.js';
import { memoryIo } from './support/memory-io.js';

/** The data element of a report page. */
function dataOf(html: string): {
  source: string;
  summary: { pods: number };
  diff?: { added: { from: string; to: string }[]; changed: { from: string; to: string }[] };
} {
  const match = /<script type="application\/json" id="reach-data">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(match?.[1] ?? 'null');
}

describe('reach report', () => {
  it('writes reach.html by default and says where', async () => {
    const io = memoryIo(SEED_FILES);
    expect(await main(['report', '-f', 'seed'], io)).toBe(0);
    const html = await io.readFile('reach.html', 1e9);
    expect(String(html).startsWith('<!doctype html>')).toBe(true);
    expect(dataOf(String(html)).source).toBe('seed');
    expect(io.err).toMatch(/^wrote reach\.html \(\d+ KiB\)\n$/);
    expect(io.out).toBe('');
  });

  it('writes the page to standard output with -o -', async () => {
    const run = await reach(['report', '-f', 'seed', '-o', '-']);
    expect(run.code).toBe(0);
    expect(dataOf(run.stdout).summary.pods).toBeGreaterThan(0);
  });

  it('shows reach diff changes against --base', async () => {
    const head = SEED_YAML.replace('{protocol: TCP, port: 80}', '{protocol: TCP, port: 443}');
    const io = memoryIo({ 'base/all.yaml': SEED_YAML, 'head/all.yaml': head });
    expect(await main(['report', '-f', 'head', '--base', 'base', '-o', 'r.html'], io)).toBe(0);
    const data = dataOf(String(await io.readFile('r.html', 1e9)));
    const diff = await reach(['diff', 'base', 'head', '-o', 'json'], {
      'base/all.yaml': SEED_YAML,
      'head/all.yaml': head,
    });
    const expected = JSON.parse(diff.stdout) as { changed: { from: string; to: string }[] };
    expect(expected.changed.length).toBeGreaterThan(0);
    expect(data.diff?.changed.map((c) => `${c.from} -> ${c.to}`)).toEqual(
      expected.changed.map((c) => `${c.from} -> ${c.to}`),
    );
  });

  it('is a usage error to give --base and --git-base', async () => {
    const run = await reach(['report', '-f', 'seed', '--base', 'a', '--git-base', 'main']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--base and --git-base cannot be used together');
  });

  it('exits 2 and writes nothing for invalid manifests', async () => {
    const io = memoryIo({ 'bad.yaml': 'kind: [' });
    expect(await main(['report', '-f', 'bad.yaml'], io)).toBe(2);
    await expect(io.readFile('reach.html', 1e9)).rejects.toThrow();
  });
});
