import { describe, expect, it } from 'vitest';
import { cluster, ns, pod, policy } from '../../test/support/build.js';
import { ReachError } from '../errors.js';
import type { Cluster } from '../model/index.js';
import { compile } from './engine.js';

// b and c accept only a; d accepts everyone.
const three = cluster({
  namespaces: [ns('x')],
  pods: [
    pod('x/d', { labels: { app: 'd' } }),
    pod('x/a', { labels: { app: 'a' } }),
    pod('x/c', { labels: { app: 'c' } }),
    pod('x/b', { labels: { app: 'b' } }),
  ],
  policies: [
    policy('x/only-a', {
      podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['b', 'c'] }] },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }] }],
    }),
  ],
});

describe('what the engine hands out cannot change its answers', () => {
  it('freezes pods, options and stats, and keeps them in place', () => {
    const engine = compile(three);
    const before = engine.reachersOf({ namespace: 'x', name: 'b' }, { port: 80 });
    expect(before).toEqual([
      { namespace: 'x', name: 'a' },
      { namespace: 'x', name: 'b' },
    ]);
    expect(() => (engine.pods as { namespace: string; name: string }[]).sort()).toThrow(TypeError);
    expect(() => {
      (engine.pods[0] as { name: string }).name = 'zzz';
    }).toThrow(TypeError);
    expect(() => {
      (engine as { options: unknown }).options = { ipBlockMatchesPods: false };
    }).toThrow(TypeError);
    expect(() => {
      (engine.options as { hostNetworkPods: string }).hostNetworkPods = 'pods';
    }).toThrow(TypeError);
    expect(() => {
      (engine.stats as { pods: number }).pods = 0;
    }).toThrow(TypeError);
    expect(engine.reachersOf({ namespace: 'x', name: 'b' }, { port: 80 })).toEqual(before);
    expect(engine.options).toEqual({ ipBlockMatchesPods: true, hostNetworkPods: 'node' });
  });

  it('gives lists that a caller may change without changing later answers', () => {
    const engine = compile(three);
    const reachers = engine.reachersOf({ namespace: 'x', name: 'd' }, { port: 80 });
    const copy = [...reachers];
    (reachers as unknown[]).reverse();
    expect(engine.reachersOf({ namespace: 'x', name: 'd' }, { port: 80 })).toEqual(copy);
    const matrix = engine.matrix({ port: 80 });
    const row = matrix.row(0);
    expect(() => (row as number[]).push(99)).toThrow(TypeError);
    expect(matrix.row(0)).toEqual(row);
  });
});

describe('compile checks its input', () => {
  it.each([
    [
      { ipBlockMatchesPods: 'yes' },
      "options.ipBlockMatchesPods: expected a boolean or 'egress-only', got string",
    ],
    [{ hostNetworkPods: 'host' }, `options.hostNetworkPods: expected 'node' or 'pods', got "host"`],
    [
      { ipBlockMatchesPod: false },
      'options.ipBlockMatchesPod: unknown option; known: ipBlockMatchesPods, hostNetworkPods',
    ],
    [42, 'options: expected an object, got number'],
  ])('refuses options %j with a ReachError', (options, message) => {
    const call = () => compile(three, options as never);
    expect(call).toThrow(ReachError);
    expect(call).toThrow(message);
    try {
      call();
    } catch (e) {
      expect((e as ReachError).code).toBe('invalid-options');
    }
  });

  it.each([
    [null, 'cluster: expected an object, got null'],
    [{}, 'cluster.namespaces: expected a list, got undefined'],
    [
      { ...three, pods: [{ namespace: 'x' }] },
      'cluster.pods[0].name: expected a string, got undefined',
    ],
    [
      { ...three, pods: [{ namespace: 'x', name: 'a', labels: { app: 'a' }, ports: [], ips: [] }] },
      'cluster.pods[0].labels: expected a Map of labels, got object',
    ],
    [
      { ...three, policies: [{ namespace: 'x', name: 'p', policyTypes: [] }] },
      'cluster.policies[0].podSelector: expected an object, got undefined',
    ],
  ])('refuses a malformed cluster with a ReachError, not a TypeError (%#)', (bad, message) => {
    const call = () => compile(bad as unknown as Cluster);
    expect(call).toThrow(ReachError);
    expect(call).toThrow(message);
  });
});

describe('engine.with checks its change', () => {
  const newPod = pod('x/e', { labels: { app: 'a' } });
  it.each([
    [undefined, 'change: expected an object, got undefined'],
    [null, 'change: expected an object, got null'],
    ['x/a', 'change: expected an object, got string'],
    [{ adds: { pods: [newPod] } }, 'change.adds: unknown field; known: add, remove'],
    [{ add: [newPod] }, 'change.add: expected an object, got a list'],
    [{ add: { pod: [newPod] } }, 'change.add.pod: unknown field; known: namespaces, pods'],
    [{ add: { pods: newPod } }, 'change.add.pods: expected a list, got object'],
    [{ add: { pods: [{ namespace: 'x' }] } }, 'change.add.pods[0].name: expected a string'],
    [
      { add: { pods: [{ ...newPod, labels: { app: 'a' } }] } },
      'change.add.pods[0].labels: expected a Map of labels, got object',
    ],
    [
      { add: { policies: [{ namespace: 'x', name: 'p', policyTypes: [] }] } },
      'change.add.policies[0].podSelector: expected an object, got undefined',
    ],
    [{ remove: { kind: 'Pod', namespace: 'x', name: 'a' } }, 'change.remove: expected a list'],
    [{ remove: [null] }, 'change.remove[0]: expected an object, got null'],
    [
      { remove: [{ kind: 'pod', namespace: 'x', name: 'a' }] },
      'change.remove[0].kind: "pod" is not a kind the model holds',
    ],
    [{ remove: [{ kind: 'Pod', name: 'a' }] }, 'change.remove[0].namespace: expected a string'],
    [
      { remove: [{ kind: 'Pod', namespace: 'x', name: 'a', labels: {} }] },
      'change.remove[0].labels: unknown field; known: kind, namespace, name',
    ],
  ])('refuses %j with a ReachError invalid-change', (change, message) => {
    const engine = compile(three);
    // Both paths: the compiled engine, and an overlay after a pods-only change.
    const overlay = engine.with({ add: { pods: [pod('x/f', { labels: { app: 'd' } })] } });
    for (const e of [engine, overlay]) {
      const call = () => e.with(change as never);
      expect(call).toThrow(ReachError);
      expect(call).toThrow(message);
      try {
        call();
      } catch (error) {
        expect((error as ReachError).code).toBe('invalid-change');
      }
    }
  });

  it('still accepts well-formed changes, a Namespace ref without a namespace included', () => {
    const engine = compile(three);
    const changed = engine.with({
      add: { pods: [newPod] },
      remove: [
        { kind: 'Pod', namespace: 'x', name: 'd' },
        { kind: 'Namespace', name: 'elsewhere' },
      ],
    });
    expect(changed.pods.map((p) => p.name)).toEqual(['a', 'b', 'c', 'e']);
    expect(engine.with({}).pods).toEqual(engine.pods);
  });
});

describe('engine.with and cluster-scoped kinds', () => {
  it('accepts Node and admin policy refs without a namespace', () => {
    const engine = compile(three);
    for (const kind of [
      'Node',
      'AdminNetworkPolicy',
      'BaselineAdminNetworkPolicy',
      'ClusterNetworkPolicy',
    ]) {
      expect(() => engine.with({ remove: [{ kind, name: 'x' }] })).not.toThrow();
    }
  });

  it.each([
    [{ add: { nodes: [{ name: 'n', labels: {}, addresses: [] }] } }, 'change.add.nodes[0].labels'],
    [
      { add: { adminPolicies: [{ name: 'p', origin: 'x', tier: 'Admin', priority: '1' }] } },
      'change.add.adminPolicies[0].priority',
    ],
  ])('refuses %j', (change, message) => {
    expect(() => compile(three).with(change as never)).toThrow(message);
  });
});
