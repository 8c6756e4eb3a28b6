import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConnectionSet, ResolvedEndpoint } from '@kube-reach/core';
import { compile, parseCluster, query, resolveEndpoint } from '@kube-reach/core';
import { describe, expect, it } from 'vitest';
import { reach, SEED_YAML, SHOP_YAML } from './support/fixtures.js';

// `who-can-reach` and `reachable-from` without --port answer every peer in one engine batch
// (`engine.peerConnections`). These tests hold their documents to the listing the command
// printed before, when it asked the composed `query()` once per peer.

const ADMIN_DIR = fileURLToPath(new URL('../../../examples/admin/', import.meta.url));

/** Egress and ingress by address ranges with holes, so `external` splits into many ranges. */
const RANGES_YAML = `
apiVersion: v1
kind: Namespace
metadata: {name: edge}
---
apiVersion: v1
kind: Pod
metadata: {name: gw-0, namespace: edge, labels: {app: gw}}
spec: {containers: [{name: gw, image: example/gw, ports: [{name: https, containerPort: 443}]}]}
status: {phase: Running, podIP: 10.0.1.5}
---
apiVersion: v1
kind: Pod
metadata: {name: gw-1, namespace: edge, labels: {app: gw}}
spec: {containers: [{name: gw, image: example/gw, ports: [{name: https, containerPort: 443}]}]}
status: {phase: Running, podIP: 10.0.1.6}
---
apiVersion: v1
kind: Pod
metadata: {name: batch, namespace: edge, labels: {app: batch}}
spec: {containers: [{name: batch, image: example/batch}]}
status: {phase: Running, podIP: 10.0.1.7}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: gw, namespace: edge}
spec:
  podSelector: {matchLabels: {app: gw}}
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - ipBlock: {cidr: 0.0.0.0/0, except: [198.51.100.0/24, 203.0.113.0/28]}
      ports: [{port: https}]
    - from: [{podSelector: {matchLabels: {app: batch}}}]
  egress:
    - to:
        - ipBlock: {cidr: 203.0.113.0/24, except: [203.0.113.16/28]}
        - ipBlock: {cidr: 10.0.1.0/24, except: [10.0.1.7/32]}
      ports: [{protocol: TCP, port: 5432}, {protocol: UDP, port: 53}]
    - to: [{ipBlock: {cidr: 192.0.2.0/24}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: batch, namespace: edge}
spec:
  podSelector: {matchLabels: {app: batch}}
  policyTypes: [Egress]
  egress:
    - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]
      ports: [{protocol: TCP, port: 443}]
    - to: [{podSelector: {matchLabels: {app: gw}}}]
`;

/** examples/admin: AdminNetworkPolicies, a BANP, ClusterNetworkPolicies and nodes. */
const ADMIN_YAML = readdirSync(ADMIN_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => readFileSync(join(ADMIN_DIR, f), 'utf8'))
  .join('\n---\n');

const CLUSTERS = {
  admin: ADMIN_YAML,
  seed: SEED_YAML,
  shop: SHOP_YAML,
  ranges: RANGES_YAML,
  all: [SEED_YAML, SHOP_YAML, RANGES_YAML].join('\n---\n'),
};

/** The listing as the command built it before: one composed query per candidate peer. */
function pairByPair(
  yaml: string,
  subjectText: string,
  direction: 'to' | 'from',
  match: 'all' | 'any',
): { endpoint: string; connections: ConnectionSet }[] {
  const parsed = parseCluster({ name: 'cluster.yaml', text: yaml });
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  const engine = compile(parsed.cluster);
  const resolved = resolveEndpoint(engine, subjectText);
  if (!resolved.ok) throw new Error(resolved.issue.message);
  const subject = resolved.endpoint;
  const own = new Set(
    subject.targets.flatMap((t) => (t.pod !== undefined && !t.pod.fromTemplate ? [t.name] : [])),
  );
  const others: ResolvedEndpoint[] = parsed.cluster.pods
    .filter((pod) => !own.has(`${pod.namespace}/${pod.name}`))
    .map((pod) => {
      const name = `${pod.namespace}/${pod.name}`;
      return {
        name,
        kind: 'pod',
        targets: [{ endpoint: { namespace: pod.namespace, name: pod.name }, name, pod }],
        notes: [],
      };
    });
  if (!subject.targets.every((t) => t.pod === undefined)) {
    for (const range of engine.addressRanges()) {
      others.push({
        name: range.text,
        kind: 'address',
        targets: [{ endpoint: { address: range.first }, name: range.text }],
        notes: [],
      });
    }
  }
  return others.flatMap((other) => {
    const [from, to] = direction === 'to' ? [other, subject] : [subject, other];
    const result = query(engine, from, to, { match });
    if (!result.ok) throw new Error(result.issues[0]?.message);
    return result.outcome.allowed
      ? [{ endpoint: other.name, connections: result.outcome.connections ?? {} }]
      : [];
  });
}

const SUBJECTS: Record<keyof typeof CLUSTERS, readonly string[]> = {
  admin: ['external', 'node/worker-1', 'payments/deploy/ledger', 'team-b/deploy/client'],
  seed: ['external', 'staging/deploy/web', 'ops/ci-runner', '203.0.113.9'],
  shop: ['external', 'shop/cart-7d9-a', 'shop/deploy/cart', 'shop/v6', '10.0.0.0/24'],
  ranges: ['external', 'edge/gw-0', 'edge/batch', '203.0.113.0/24', '10.0.1.0/24'],
  all: ['external', 'edge/gw-1', 'shop/cart-7d9-b', 'production/deploy/web'],
};

describe('who-can-reach and reachable-from without --port', () => {
  for (const [cluster, subjects] of Object.entries(SUBJECTS)) {
    const yaml = CLUSTERS[cluster as keyof typeof CLUSTERS];
    for (const subject of subjects) {
      for (const [command, direction] of [
        ['who-can-reach', 'to'],
        ['reachable-from', 'from'],
      ] as const) {
        it(`${command} ${subject} on ${cluster}: the peers a query per peer finds, --match all and any`, async () => {
          for (const match of ['all', 'any'] as const) {
            const result = await reach(
              [command, subject, '-f', 'cluster.yaml', '-o', 'json', '--match', match],
              { 'cluster.yaml': yaml },
            );
            expect(result.code).toBe(0);
            const doc = JSON.parse(result.stdout) as {
              peers: { endpoint: string; connections: ConnectionSet }[];
            };
            const expected = pairByPair(yaml, subject, direction, match);
            expect(
              doc.peers.map((p) => ({ endpoint: p.endpoint, connections: p.connections })),
            ).toEqual(expected);
          }
        });
      }
    }
  }
});
