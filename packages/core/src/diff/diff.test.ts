import { describe, expect, it } from 'vitest';
import type { Cluster } from '../model/index.js';
import { parseCluster } from '../parse/index.js';
import { compile, formatConnectionSet } from '../query/index.js';
import { diffEngines } from './diff.js';
import type { ConnectivityDiff } from './index.js';
import { diff, streamDiff, summarizeDiff } from './index.js';

function load(yaml: string): Cluster {
  const result = parseCluster(yaml);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.cluster;
}

function run(before: string, after: string, by: 'pod' | 'workload' = 'workload') {
  const b = load(before);
  const a = load(after);
  const options = { by, clusters: { before: b, after: a } };
  const fast = diffEngines(compile(b), compile(a), options, 'incremental');
  const full = diffEngines(compile(b), compile(a), { by }, 'full');
  expect(fast).toEqual(full);
  expect(diff(compile(b), compile(a), options)).toEqual(full);
  expect(streamDiff(compile(b), compile(a), options)).toEqual(full);
  expect(streamDiff(compile(b), compile(a), { by })).toEqual(full);
  return fast;
}

/** `from -> to: before => after` lines. */
function lines(d: ConnectivityDiff): string[] {
  return [
    ...d.added.map((c) => `+ ${c.from} -> ${c.to}: ${formatConnectionSet(c.allowed)}`),
    ...d.removed.map((c) => `- ${c.from} -> ${c.to}: ${formatConnectionSet(c.allowed)}`),
    ...d.changed.map(
      (c) =>
        `~ ${c.from} -> ${c.to}: ${formatConnectionSet(c.before)} => ${formatConnectionSet(c.after)}`,
    ),
  ];
}

const PODS = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: x, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: c, image: x, ports: [{name: http, containerPort: 8080}]}]}
`;

const API_FROM_WEB = `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: web}}}]
      ports: [{port: 8080}]
`;

describe('diff', () => {
  it('finds no change between identical inputs', () => {
    const d = run(PODS + API_FROM_WEB, PODS + API_FROM_WEB);
    expect(lines(d)).toEqual([]);
    expect(d.isolation).toEqual([]);
    expect(summarizeDiff(d)).toMatchObject({ any: false, text: 'no change in connectivity' });
  });

  it('reports removed and narrowed connections, and the newly isolated workload', () => {
    const d = run(PODS, PODS + API_FROM_WEB);
    expect(lines(d)).toEqual([
      '- 0.0.0.0/0 -> shop/deployment/api: all',
      '- ::/0 -> shop/deployment/api: all',
      '~ shop/deployment/web -> shop/deployment/api: all => TCP 8080',
    ]);
    expect(d.changed[0]?.lost).not.toBe('all');
    expect(formatConnectionSet(d.changed[0]?.gained ?? 'all')).toBe('none');
    expect(d.isolation).toEqual([
      { peer: 'shop/deployment/api', direction: 'ingress', before: false, after: true },
    ]);
    expect(summarizeDiff(d).text).toBe(
      '0 connections added, 2 removed, 1 changed; 1 workload newly isolated',
    );
  });

  it('restates address ranges on both sides’ boundaries and merges them back', () => {
    const egress = (cidr: string) => `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-out, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress: [{to: [{ipBlock: {cidr: ${cidr}}}]}]
`;
    const d = run(PODS + egress('10.0.0.0/8'), PODS + egress('10.0.0.0/16'));
    expect(lines(d)).toEqual(['- shop/deployment/web -> 10.1.0.0-10.255.255.255: all']);
    expect(summarizeDiff(d).text).toBe('0 connections added, 1 removed, 0 changed');
  });

  it('compares pods one by one with by: pod, and names peers present on one side', () => {
    const extra = `
---
apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: shop, labels: {run: debug}}
spec: {containers: [{name: c, image: x}]}
`;
    const d = run(PODS + API_FROM_WEB, PODS + API_FROM_WEB + extra, 'pod');
    expect(d.peers).toEqual({ added: ['shop/debug'], removed: [] });
    expect(lines(d)).toContain('+ shop/debug -> shop/deployment/web: all');
    expect(lines(d)).not.toContain('+ shop/debug -> shop/deployment/api: all');
    expect(summarizeDiff(d).text).toMatch(/; 1 pod new$/);
  });
});

describe('diff with admin policies', () => {
  const deny = `---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: guard}
spec:
  tier: Admin
  priority: 1
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: api}}}}
  ingress: [{action: Deny, from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}]}]
`;

  it('reports what adding an admin policy removes', () => {
    expect(lines(run(PODS, PODS + deny))).toEqual([
      '- shop/deployment/web -> shop/deployment/api: all',
    ]);
  });

  it('compares in full when a pod change meets an admin policy in another namespace', () => {
    const other = `---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: ops, labels: {app: other}}
spec: {containers: [{name: c, image: x}]}
`;
    const relabelled = other.replace('app: other', 'app: web');
    expect(lines(run(PODS + deny + other, PODS + deny + relabelled))).toEqual([
      '- ops/client -> shop/deployment/api: all',
    ]);
  });
});
