import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runReach } from '../support/run-reach.js';

const README = new URL('README.md', import.meta.url);

/** The ```text block that follows a ```sh block holding `command` in the README. */
async function shownOutput(command: string): Promise<string> {
  const readme = await readFile(README, 'utf8');
  const at = readme.indexOf(`${command}`);
  if (at < 0) throw new Error(`README lacks ${command}`);
  const start = readme.indexOf('```text\n', at) + '```text\n'.length;
  return readme.slice(start, readme.indexOf('\n```', start));
}

/** The command as the README writes it, without a trailing `# exit 0` comment. */
const run = (command: string) => runReach(command.replace(/\s+#.*$/, ''));

describe('examples/shop: which network plugin?', () => {
  it('reach matrix --cni spec,cilium,azure-npm shows a real difference per non-spec profile', async () => {
    const command = 'reach matrix -f examples/shop -R --cni spec,cilium,azure-npm';
    const result = await run(command);
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd()).toBe(await shownOutput(command));
    expect(result.stdout).toMatch(/cilium +none +<- ipBlockMatchesPods=false/);
    expect(result.stdout).toMatch(/azure-npm +TCP 5432 +<- endPort=ignored/);
  });

  it('-o json gives a ProfileComparison', async () => {
    const result = await run(
      'reach matrix -f examples/shop -R --cni spec,cilium,azure-npm -o json',
    );
    const doc = JSON.parse(result.stdout) as { kind: string; differences: unknown[] };
    expect(doc.kind).toBe('ProfileComparison');
    expect(doc.differences).toHaveLength(2);
  });

  for (const command of [
    'reach query -R -f examples/shop node/worker-1 shop/backup-0 --port 8086 --explain',
    'reach query -R -f examples/shop shop/deployment/web shop/statefulset/db --port 5432 --cni flannel',
  ]) {
    it(`${command} prints what the README shows`, async () => {
      const result = await run(command);
      expect(result.code).toBe(0);
      expect(result.stdout.trimEnd()).toBe(await shownOutput(command));
    });
  }

  it('tests/plugins.yaml holds, each expectation under its profile', async () => {
    const result = await run('reach test examples/shop/tests/plugins.yaml -f examples/shop -R');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('8 passed, 0 failed');
  });
});
