import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { exampleLoader } from '../support/load-example.js';
import { runReach } from '../support/run-reach.js';
import { shownRuns } from './readme-blocks.js';

const READMES = ['lint/README.md', 'seed/README.md', 'shop/README.md'];

describe('examples/lint', () => {
  it('loads with no errors and no warnings: the mistakes are not syntax', async () => {
    const { issues } = await exampleLoader(new URL('.', import.meta.url))();
    expect(issues).toEqual([]);
  });

  for (const readme of READMES) {
    describe(readme, () => {
      it('shows reach lint runs', async () => {
        const text = await readFile(new URL(`../${readme}`, import.meta.url), 'utf8');
        expect(
          shownRuns(text).filter((r) => r.command.startsWith('reach lint')).length,
        ).toBeGreaterThan(0);
      });
      it('shows what reach lint prints and exits with', async () => {
        const text = await readFile(new URL(`../${readme}`, import.meta.url), 'utf8');
        for (const shown of shownRuns(text).filter((r) => r.command.startsWith('reach lint'))) {
          const run = await runReach(shown.command);
          expect(run.stderr, shown.command).toBe('');
          expect(run.stdout, shown.command).toBe(shown.output);
          expect(run.code, shown.command).toBe(shown.exit);
        }
      });
    });
  }

  it('finds every lint code in this example', async () => {
    const run = await runReach('reach lint -f examples/lint -o json');
    const codes = new Set(JSON.parse(run.stdout).findings.map((f: { code: string }) => f.code));
    expect([...codes].sort()).toEqual([
      'dns-egress-blocked',
      'ipblock-covers-pods',
      'named-port-unresolved',
      'namespace-without-default-deny',
      'peer-and-or-suspect',
      'plugin-feature',
      'pod-not-isolated',
      'policy-empty-effect',
      'rule-redundant',
      'selector-matches-nothing',
      'service-port-not-container-port',
    ]);
  });
});
