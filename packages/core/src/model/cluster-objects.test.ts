import { describe, expect, it } from 'vitest';
import type { AdminPolicy, Node } from './admin-policy.js';
import type { Cluster, Pod } from './cluster.js';
import { addObjects, removeObjects } from './cluster-objects.js';

const ALL = { matchLabels: new Map(), matchExpressions: [] };

function adminPolicy(name: string, origin: AdminPolicy['origin'], priority: number): AdminPolicy {
  const tier = origin.startsWith('Baseline') ? 'Baseline' : 'Admin';
  const subject = { kind: 'namespaces', namespaceSelector: ALL } as const;
  return { name, origin, tier, priority, subject, ingress: [], egress: [] };
}

function node(name: string, synthesized = false, addresses: string[] = []): Node {
  return { name, labels: new Map(), addresses, synthesized };
}

function pod(name: string, nodeName?: string): Pod {
  return {
    namespace: 'ns',
    name,
    labels: new Map(),
    ports: [],
    ips: [],
    hostNetwork: false,
    fromTemplate: false,
    ...(nodeName === undefined ? {} : { nodeName }),
  };
}

const base: Cluster = {
  namespaces: [],
  pods: [pod('a', 'n1')],
  workloads: [],
  services: [],
  policies: [],
  adminPolicies: [
    adminPolicy('guard', 'AdminNetworkPolicy/v1alpha1', 5),
    adminPolicy('guard', 'ClusterNetworkPolicy/v1alpha2', 5),
    adminPolicy('default', 'BaselineAdminNetworkPolicy/v1alpha1', 0),
  ],
  nodes: [node('n1', false, ['10.0.0.1'])],
};

describe('addObjects with admin policies and nodes', () => {
  it('replaces an admin policy of the same kind and name, and keeps the tier order', () => {
    const added = addObjects(base, {
      adminPolicies: [
        adminPolicy('guard', 'AdminNetworkPolicy/v1alpha1', 9),
        adminPolicy('first', 'ClusterNetworkPolicy/v1alpha2', 1),
      ],
    });
    expect(added.adminPolicies?.map((p) => [p.origin, p.name, p.priority])).toEqual([
      ['ClusterNetworkPolicy/v1alpha2', 'first', 1],
      ['ClusterNetworkPolicy/v1alpha2', 'guard', 5],
      ['AdminNetworkPolicy/v1alpha1', 'guard', 9],
      ['BaselineAdminNetworkPolicy/v1alpha1', 'default', 0],
    ]);
  });

  it('replaces a node by name, and infers a node for an added pod on an unknown one', () => {
    const added = addObjects(base, {
      nodes: [node('n1', false, ['10.0.0.9'])],
      pods: [pod('b', 'n2')],
    });
    expect(added.nodes).toEqual([node('n1', false, ['10.0.0.9']), node('n2', true)]);
  });

  it('does not let an inferred node replace a declared one', () => {
    const added = addObjects(base, { nodes: [node('n1', true, ['10.9.9.9'])] });
    expect(added.nodes).toEqual(base.nodes);
  });
});

describe('removeObjects with admin policies and nodes', () => {
  it('removes an admin policy by kind and name, ignoring any namespace', () => {
    const removed = removeObjects(base, [
      { kind: 'ClusterNetworkPolicy', name: 'guard' },
      { kind: 'BaselineAdminNetworkPolicy', namespace: 'x', name: 'default' },
    ]);
    expect(removed.adminPolicies?.map((p) => p.origin)).toEqual(['AdminNetworkPolicy/v1alpha1']);
  });

  it('removes a node by name and leaves no empty lists behind', () => {
    const removed = removeObjects(base, [
      { kind: 'Node', name: 'n1' },
      { kind: 'AdminNetworkPolicy', name: 'guard' },
      { kind: 'ClusterNetworkPolicy', name: 'guard' },
      { kind: 'BaselineAdminNetworkPolicy', name: 'default' },
    ]);
    expect(removed.nodes).toBeUndefined();
    expect(removed.adminPolicies).toBeUndefined();
    expect(removed.pods).toEqual(base.pods);
  });
});
