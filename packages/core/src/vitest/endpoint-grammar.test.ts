// The matchers read text endpoints with the grammar of `reach query` and `resolveEndpoint`:
// workloads stand for their live pods, `svc/` for the Service's backends (its port translated
// to the targetPort), `ns/[labels]` for a hypothetical pod.

import { beforeAll, describe, expect, it } from 'vitest';
import { ReachError } from '../errors.js';
import { loadCluster } from '../parse/index.js';
import { compile } from '../query/index.js';
import { reachMatchers } from './index.js';

const YAML = `
apiVersion: v1
kind: Pod
metadata:
  name: api-5d8f7-a
  namespace: shop
  labels: {app: api, pod-template-hash: 5d8f7}
  ownerReferences: [{kind: ReplicaSet, name: api-5d8f7, controller: true}]
spec: {containers: [{name: c, image: i}]}
---
apiVersion: v1
kind: Pod
metadata:
  name: api-5d8f7-b
  namespace: shop
  labels: {app: api, pod-template-hash: 5d8f7}
  ownerReferences: [{kind: ReplicaSet, name: api-5d8f7, controller: true}]
spec: {containers: [{name: c, image: i}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db-0, namespace: shop, labels: {app: db}}
spec: {containers: [{name: c, image: i, ports: [{name: pg, containerPort: 15432}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec: {selector: {app: db}, ports: [{port: 5432, targetPort: pg}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{from: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 15432}]}]
`;

const engine = compile(loadCluster(YAML));

beforeAll(() => {
  expect.extend(reachMatchers);
});

describe('matchers on the endpoint grammar', () => {
  it('take a Deployment by any spelling, meaning its live pods', () => {
    expect(engine).toAllow({ from: 'shop/deployment/api', to: 'shop/db-0', port: 15432 });
    expect(engine).toAllow({ from: 'shop/deploy/api', to: 'shop/db-0', port: 15432 });
    expect(engine).toAllowOnly('shop/db-0', ['shop/deployment/api'], { port: 15432 });
    expect(engine).toIsolate('shop/db-0', { direction: 'ingress' });
    expect(engine).not.toIsolate('shop/deployment/api');
  });

  it('translate a Service port to the targetPort of its backends', () => {
    expect(engine).toAllow({ from: 'shop/deployment/api', to: 'shop/svc/db', port: 5432 });
    // The pod port itself is not a port of the Service.
    expect(() =>
      expect(engine).toAllow({ from: 'shop/deployment/api', to: 'shop/svc/db', port: 15432 }),
    ).toThrow(/has no TCP port 15432/);
  });

  it('ask about a hypothetical pod', () => {
    expect(engine).toAllow({ from: 'shop/[app=api]', to: 'shop/svc/db', port: 5432 });
    expect(engine).not.toAllow({ from: 'shop/[app=web]', to: 'shop/svc/db', port: 5432 });
  });

  it('name the pair that failed when an endpoint stands for several pods', () => {
    let message = '';
    try {
      expect(engine).not.toAllow({ from: 'shop/deployment/api', to: 'shop/db-0', port: 15432 });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      'expected shop/deployment/api not to reach shop/db-0 on 15432/TCP, but shop/api-5d8f7-a -> shop/db-0 is allowed',
    );
  });

  it('throw a ReachError with the resolution problem for an unknown name', () => {
    expect(() =>
      expect(engine).toAllow({ from: 'shop/deployment/web', to: 'shop/db-0', port: 1 }),
    ).toThrow(ReachError);
    expect(() => expect(engine).toIsolate('shop/deployment/web')).toThrow(
      /toIsolate: no pod shop\/deployment\/web in the cluster: no deployment named "web"/,
    );
  });
});
