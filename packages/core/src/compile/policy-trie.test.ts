import { describe, expect, it } from 'vitest';
import { cluster, pod, policy } from '../../test/support/build.js';
import { resolveSemantics } from '../model/index.js';
import { ClassSelection } from './class-selection.js';
import { groupPodClasses } from './pod-classes.js';
import { buildPodTable } from './pod-table.js';
import { normalizePolicy } from './policy-ir.js';
import type { PolicyTrie } from './policy-trie.js';
import { buildPolicyTries } from './policy-trie.js';

/** The policy names on the path from a node to the root, first policy first. */
function policiesAt(trie: PolicyTrie, node: number, names: readonly string[]): string[] {
  const out: string[] = [];
  for (let at = node; at !== 0; at = trie.parent[at] ?? 0)
    out.unshift(names[trie.policy[at] ?? 0] ?? '');
  return out;
}

describe('buildPolicyTries', () => {
  const input = cluster({
    pods: [
      pod('a/web', { labels: { app: 'web' } }),
      pod('a/db', { labels: { app: 'db' } }),
      pod('a/host', { labels: { app: 'web' }, hostNetwork: true }),
      pod('b/web', { labels: { app: 'web' } }),
    ],
    policies: [
      policy('a/all', { podSelector: {}, policyTypes: ['Ingress'] }),
      policy('a/web', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Ingress', 'Egress'],
      }),
      policy('b/none', { podSelector: { matchLabels: { app: 'nothing' } } }),
    ],
  });
  const table = buildPodTable(input, resolveSemantics({ hostNetworkPods: 'node' }));
  const classes = groupPodClasses(
    table.pods,
    table.namespaceOfPod,
    new Set(),
    () => [],
    (i) => table.nodeTraffic[i] === 1,
  );
  const policies = [...input.policies].map(normalizePolicy);
  const names = policies.map((p) => `${p.namespace}/${p.name}`);
  const tries = buildPolicyTries(
    policies,
    table.namespaceIndex,
    new ClassSelection(table, classes),
  );
  const classOf = (name: string): number => classes.classOf[table.podIndex.get(name) ?? -1] ?? -1;

  it('puts each class at the node of the policies of a direction selecting it', () => {
    expect(policiesAt(tries.ingress, tries.ingress.nodeOf[classOf('a/web')] ?? 0, names)).toEqual([
      'a/all',
      'a/web',
    ]);
    expect(policiesAt(tries.ingress, tries.ingress.nodeOf[classOf('a/db')] ?? 0, names)).toEqual([
      'a/all',
    ]);
    expect(policiesAt(tries.egress, tries.egress.nodeOf[classOf('a/web')] ?? 0, names)).toEqual([
      'a/web',
    ]);
    expect(tries.egress.nodeOf[classOf('a/db')]).toBe(0);
  });

  it('leaves node traffic and other namespaces unselected', () => {
    expect(tries.ingress.nodeOf[classOf('a/host')]).toBe(0);
    expect(tries.ingress.nodeOf[classOf('b/web')]).toBe(0);
  });

  it('shares nodes between classes selected by the same policies', () => {
    // Three policies, but only two distinct selections on ingress and one on egress.
    expect(tries.ingress.parent).toHaveLength(3);
    expect(tries.egress.parent).toHaveLength(2);
  });
});
