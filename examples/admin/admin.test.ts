import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { exampleLoader } from '../support/load-example.js';
import { runReach } from '../support/run-reach.js';

const load = exampleLoader(new URL('.', import.meta.url));

/** The `reach query ... # allowed|denied (exit N)` lines of the README, with the output shown. */
async function readmeQueries(): Promise<{ command: string; exit: number; output: string }[]> {
  const text = await readFile(new URL('README.md', import.meta.url), 'utf8');
  return [
    ...text.matchAll(
      /^(reach query [^#\n]*?)\s+# (?:allowed|denied) \(exit (\d)\)\n```\n\n```\n([^`]*)```$/gm,
    ),
  ].map((m) => ({ command: m[1] ?? '', exit: Number(m[2]), output: m[3] ?? '' }));
}

describe('examples/admin', () => {
  it('loads with no errors and no warnings: every admin policy is evaluated', async () => {
    const { issues } = await load();
    expect(issues).toEqual([]);
  });

  it('holds both API versions in one Admin and one Baseline tier, in evaluation order', async () => {
    const { cluster } = await load();
    expect(cluster.adminPolicies?.map((p) => [p.tier, p.priority, p.name, p.origin])).toEqual([
      ['Admin', 5, 'monitoring-scrapes-everything', 'ClusterNetworkPolicy/v1alpha2'],
      ['Admin', 10, 'payments-guardrail', 'AdminNetworkPolicy/v1alpha1'],
      ['Admin', 20, 'delegate-team-a', 'AdminNetworkPolicy/v1alpha1'],
      ['Baseline', 0, 'default', 'BaselineAdminNetworkPolicy/v1alpha1'],
      ['Baseline', 10, 'team-b-stays-in-cluster', 'ClusterNetworkPolicy/v1alpha2'],
    ]);
    const actions = cluster.adminPolicies?.flatMap((p) =>
      [...p.ingress, ...p.egress].map((r) => `${p.name}/${r.name}: ${r.action}`),
    );
    expect(actions).toContain('payments-guardrail/pass-same-namespace: Pass');
    expect(actions).toContain('default/default-deny-in-cluster: Deny');
  });

  it('has its nodes, and gives the host-network pod its node IP', async () => {
    const { cluster } = await load();
    expect(cluster.nodes?.map((n) => [n.name, n.addresses, n.synthesized])).toEqual([
      ['control-plane-1', ['10.0.0.10'], false],
      ['worker-1', ['10.0.0.11', '203.0.113.11'], false],
    ]);
    const proxy = cluster.pods.find((p) => p.name === 'kube-proxy-worker-1');
    expect(proxy?.ips).toEqual(['10.0.0.11']);
  });

  it('shows six queries, one per decision the README explains', async () => {
    expect((await readmeQueries()).map((q) => q.exit)).toEqual([1, 0, 0, 1, 0, 1]);
  });

  it('gives the six verdicts and the tier-by-tier explanations the README shows', async () => {
    for (const { command, exit, output } of await readmeQueries()) {
      const run = await runReach(command);
      expect(run.code, `${command}\n${run.stderr}`).toBe(exit);
      expect(run.stdout, command).toBe(output);
    }
  });
});
