// Issue 10's reproduction: a Pod of a ReplicaSet that the input lacks (`kubectl get
// pods,deploy` shows none), labelled pod-template-hash, behind a default-deny. Every name the
// engine prints for it must resolve back to it, in the library as in the CLI.

import { describe, expect, it } from 'vitest';
import { controllerOf } from '../model/index.js';
import { loadCluster } from '../parse/index.js';
import { compile } from '../query/index.js';
import { query } from './query.js';
import { resolveEndpoint } from './resolve-endpoint.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web-abc12-xyz
  namespace: shop
  labels: {app: web, pod-template-hash: abc12}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-abc12, controller: true, uid: u}]
spec: {containers: [{name: c, image: i, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: shop, labels: {app: client}}
spec: {containers: [{name: c, image: i}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`;

const DEPLOYMENT = `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: i, ports: [{containerPort: 80}]}]}
`;

describe.each([
  ['without the Deployment', POD],
  ['with the Deployment', POD + DEPLOYMENT],
])('a pod of a missing ReplicaSet, %s', (_, yaml) => {
  const cluster = loadCluster(yaml);
  const engine = compile(cluster);
  const pod = cluster.pods.find((p) => p.name === 'web-abc12-xyz');

  it('is controlled by the Deployment the pod-template-hash names', () => {
    expect(pod).toBeDefined();
    if (pod) expect(controllerOf(cluster, pod)).toEqual({ kind: 'Deployment', name: 'web' });
    // The Deployment's template does not stand for the pod next to it.
    expect(cluster.pods.map((p) => p.name)).toEqual(['client', 'web-abc12-xyz']);
  });

  it('is grouped under the Deployment, and that name resolves to the pod', () => {
    const names = engine.groups('workload').map((g) => g.id);
    expect(names).toEqual(['shop/client', 'shop/deployment/web']);
    for (const name of [...names, ...engine.groups('pod').map((g) => g.id)]) {
      const resolved = resolveEndpoint(engine, name);
      expect(resolved.ok, name).toBe(true);
    }
    const web = resolveEndpoint(engine, 'shop/deployment/web');
    expect(web.ok && web.endpoint.targets.map((t) => t.name)).toEqual(['shop/web-abc12-xyz']);
    const rs = resolveEndpoint(engine, 'shop/replicaset/web-abc12');
    expect(rs.ok && rs.endpoint.targets.map((t) => t.name)).toEqual(['shop/web-abc12-xyz']);
  });

  it('answers the query by any of its names', () => {
    for (const name of ['shop/deployment/web', 'deploy/web', 'shop/web-abc12-xyz']) {
      const result = query(engine, 'shop/client', name, { defaultNamespace: 'shop', port: 80 });
      expect(result.ok && result.outcome.allowed, name).toBe(false);
    }
  });
});
