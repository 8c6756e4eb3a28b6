import { describe, expect, it } from 'vitest';
import { cluster, ns, pod } from '../../test/support/build.js';
import { resolveSemantics } from '../model/index.js';
import { buildPodTable } from './pod-table.js';

describe('buildPodTable', () => {
  const input = cluster({
    namespaces: [ns('b', { team: 'x' })],
    pods: [pod('b/z'), pod('a/y'), pod('b/a'), pod('c/h', { hostNetwork: true })],
  });

  it('orders pods by namespace and name and indexes them', () => {
    const table = buildPodTable(input, resolveSemantics());
    expect(table.pods.map((p) => `${p.namespace}/${p.name}`)).toEqual(['a/y', 'b/a', 'b/z', 'c/h']);
    expect(table.podIndex.get('b/z')).toBe(2);
  });

  it('gives every pod a namespace, inferring the ones the input did not declare', () => {
    const table = buildPodTable(input, resolveSemantics());
    expect(table.namespaces.map((n) => n.name)).toEqual(['a', 'b', 'c']);
    expect([...table.namespaceOfPod]).toEqual([0, 1, 1, 2]);
    expect(table.namespaceIndex.get('c')).toBe(2);
    expect(table.namespaces[1]?.labels.get('team')).toBe('x');
  });

  it('marks hostNetwork pods as node traffic only when they count as the node', () => {
    expect([
      ...buildPodTable(input, resolveSemantics({ hostNetworkPods: 'node' })).nodeTraffic,
    ]).toEqual([0, 0, 0, 1]);
    expect([
      ...buildPodTable(input, resolveSemantics({ hostNetworkPods: 'pods' })).nodeTraffic,
    ]).toEqual([0, 0, 0, 0]);
  });
});
