import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { shownRuns } from '../lint/readme-blocks.js';
import { runReach } from '../support/run-reach.js';

describe('examples/diff', () => {
  it('shows reach diff runs: a change that exits 1, identical inputs that exit 0', async () => {
    const readme = await readFile(new URL('README.md', import.meta.url), 'utf8');
    const runs = shownRuns(readme);
    expect(runs.map((r) => [r.command, r.exit])).toEqual([
      ['reach diff examples/diff/before examples/diff/after', 1],
      ['reach diff examples/diff/before examples/diff/before', 0],
      ['reach diff examples/diff/before examples/diff/after -o md', 1],
    ]);
  });

  it('shows what reach diff prints and exits with', async () => {
    const readme = await readFile(new URL('README.md', import.meta.url), 'utf8');
    for (const shown of shownRuns(readme)) {
      const run = await runReach(shown.command);
      expect(run.stderr, shown.command).toBe('');
      expect(run.stdout, shown.command).toBe(shown.output);
      expect(run.code, shown.command).toBe(shown.exit);
    }
  });

  it('before/ and after/ differ only in their policies', async () => {
    for (const file of ['namespaces.yaml', 'workloads.yaml']) {
      const before = await readFile(new URL(`before/${file}`, import.meta.url), 'utf8');
      const after = await readFile(new URL(`after/${file}`, import.meta.url), 'utf8');
      expect(after, file).toBe(before);
    }
  });

  it('compares the working tree with a git revision through the real git', async (ctx) => {
    // The seed's manifests, as committed and as on disk (the same, unless being edited).
    const run = await runReach('reach diff --git-base HEAD examples/seed');
    // Outside a git checkout (an unpacked tarball) there is nothing to compare with.
    if (run.code === 2 && /not a git repository|git is not available/.test(run.stderr)) {
      ctx.skip();
    }
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^no change in connectivity$|connections? added/,
    );
  });
});
