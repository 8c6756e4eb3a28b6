// Issue 10's reproduction through the commands: the name `reach matrix --by workload` prints for
// a pod of a missing ReplicaSet (pod-template-hash) is the name `reach query` resolves.

import { describe, expect, it } from 'vitest';
import { reach } from './support/fixtures.js';

const FILES = {
  'repro.yaml': `apiVersion: v1
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
`,
};

describe('a pod of a ReplicaSet missing from the input', () => {
  it('is named by its Deployment in matrix --by workload, and that name resolves', async () => {
    const matrix = await reach(
      ['matrix', '-f', 'repro.yaml', '--by', 'workload', '-o', 'json', '--port', '80'],
      FILES,
    );
    expect(matrix.code, matrix.stderr).toBe(0);
    const names = (JSON.parse(matrix.stdout) as { pods: string[] }).pods;
    expect(names).toEqual(['shop/client', 'shop/deployment/web']);
    for (const name of names) {
      const query = await reach(
        ['query', '-f', 'repro.yaml', 'shop/client', name, '--port', '80', '-o', 'json'],
        FILES,
      );
      expect(query.stderr).toBe('');
      expect(JSON.parse(query.stdout)).toMatchObject({ to: name });
    }
  });

  it('answers the query of the issue: denied, exit 1', async () => {
    const result = await reach(
      ['query', '-f', 'repro.yaml', 'shop/client', 'shop/deployment/web', '--port', '80'],
      FILES,
    );
    expect(result).toEqual({
      code: 1,
      stdout: 'no\nshop/client -> shop/deployment/web TCP/80: denied\n',
      stderr: '',
    });
  });

  it('resolves the ReplicaSet of the ownerReference too', async () => {
    const result = await reach(
      ['query', '-f', 'repro.yaml', 'shop/client', 'shop/rs/web-abc12', '--port', '80'],
      FILES,
    );
    expect(result.code, result.stderr).toBe(1);
  });

  it('is accepted by reachable-from under the Deployment name', async () => {
    const result = await reach(
      ['reachable-from', '-f', 'repro.yaml', 'shop/deployment/web', '-o', 'name'],
      FILES,
    );
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('a terminated pod named as an endpoint', () => {
  it('says its phase and --include-terminated-pods instead of "no pod named"', async () => {
    const files = {
      'pods.yaml': `apiVersion: v1
kind: Pod
metadata: {name: migrate-x1, namespace: shop}
spec: {containers: [{name: c, image: i}]}
status: {phase: Failed}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop}
spec: {containers: [{name: c, image: i}]}
`,
    };
    const result = await reach(
      ['query', '-f', 'pods.yaml', 'shop/api', 'shop/migrate-x1', '--port', '80'],
      files,
    );
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: pod "migrate-x1" in namespace "shop" is in phase Failed, so it is left out of the analysis; pass --include-terminated-pods (the parse option includeTerminatedPods) to ask about it\n',
    });
    const included = await reach(
      [
        'query',
        '-f',
        'pods.yaml',
        '--include-terminated-pods',
        'shop/api',
        'shop/migrate-x1',
        '--port',
        '80',
      ],
      files,
    );
    expect(included.code, included.stderr).toBe(0);
  });
});
