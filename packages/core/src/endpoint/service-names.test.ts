// Issue 16 item 4 and 9: a Service's ClusterIP and cluster DNS names name the Service (its
// backends, the port translated), and an ExternalName Service says what it is.

import { describe, expect, it } from 'vitest';
import { loadCluster } from '../parse/index.js';
import { compile } from '../query/index.js';
import { query } from './query.js';
import { resolveEndpoint } from './resolve-endpoint.js';

const YAML = `
apiVersion: v1
kind: Pod
metadata: {name: db-0, namespace: shop, labels: {app: db}}
spec: {containers: [{name: c, image: i, ports: [{name: pg, containerPort: 15432}]}]}
status: {podIP: 10.244.0.9}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: c, image: i}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec: {selector: {app: db}, clusterIP: 10.96.0.50, ports: [{port: 5432, targetPort: pg}]}
---
apiVersion: v1
kind: Service
metadata: {name: payments, namespace: shop}
spec: {type: ExternalName, externalName: pay.example.com}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{from: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 15432}]}]
`;

const engine = compile(loadCluster(YAML));

describe('Service names as endpoints', () => {
  it.each(['10.96.0.50', 'db.shop', 'db.shop.svc', 'db.shop.svc.cluster.local'])(
    '%s is the Service',
    (text) => {
      const resolved = resolveEndpoint(engine, text);
      expect(resolved.ok).toBe(true);
      if (!resolved.ok) return;
      expect(resolved.endpoint.name).toBe('shop/service/db');
      expect(resolved.endpoint.kind).toBe('service');
      expect(resolved.endpoint.notes[0]).toMatch(
        /(ClusterIP|DNS name) of service shop\/service\/db/,
      );
      // The Service port is translated, as for svc/db.
      const answer = query(engine, 'shop/api', text, { port: 5432 });
      expect(answer.ok && answer.outcome.allowed).toBe(true);
      expect(answer.ok && answer.outcome.service?.podPorts).toEqual([15432]);
    },
  );

  it('leaves other addresses and unknown DNS names alone', () => {
    const address = resolveEndpoint(engine, '10.96.0.51');
    expect(address.ok && address.endpoint.kind).toBe('address');
    const unknown = resolveEndpoint(engine, 'cache.shop.svc.cluster.local');
    expect(unknown.ok).toBe(false);
  });

  it('says an ExternalName Service is a DNS alias, not a hand-managed EndpointSlice', () => {
    const resolved = resolveEndpoint(engine, 'shop/svc/payments');
    expect(resolved.ok).toBe(false);
    if (resolved.ok) return;
    expect(resolved.issue.code).toBe('no-pods');
    expect(resolved.issue.message).toBe(
      'service shop/service/payments is of type ExternalName, a DNS alias of "pay.example.com": it has no pods and no endpoints; name the address that name resolves to instead',
    );
    expect(resolved.issue.message).not.toMatch(/EndpointSlice/);
  });
});
