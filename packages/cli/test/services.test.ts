import { describe, expect, it } from 'vitest';
import { reach } from './support/fixtures.js';

/**
 * Namespace `ns`: Deployments `web` (allowed to the database) and `api` (not), StatefulSet
 * `db` whose container port `pg` is 15432, Service `db` mapping 5432 to targetPort `pg`;
 * Service `legacy` without a selector and Service `orphan` whose selector matches nothing.
 */
const SERVICES_YAML = `
apiVersion: v1
kind: Namespace
metadata: {name: ns}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ns}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: ns}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: api}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: ns}
spec:
  selector: {matchLabels: {app: db}}
  serviceName: db
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: pg, image: postgres, ports: [{name: pg, containerPort: 15432}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: ns}
spec:
  selector: {app: db}
  ports: [{name: postgres, port: 5432, targetPort: pg}, {name: admin, port: 9000, targetPort: 9000}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: ns}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: v1
kind: Service
metadata: {name: legacy, namespace: ns}
spec:
  ports: [{port: 5432}]
---
apiVersion: v1
kind: Service
metadata: {name: orphan, namespace: ns}
spec:
  selector: {app: gone}
  ports: [{port: 80}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-web, namespace: ns}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {matchLabels: {app: web}}}]
      ports: [{port: pg}]
`;

const FILES = { 'cluster.yaml': SERVICES_YAML };

function run(...args: string[]): ReturnType<typeof reach> {
  return reach(['query', '-f', 'cluster.yaml', ...args], FILES);
}

describe('Service endpoints: the Service port is translated to the targetPort', () => {
  it('answers ns/deploy/web -> ns/svc/db on 5432 through targetPort pg (15432)', async () => {
    const result = await run('ns/deploy/web', 'ns/svc/db', '--port', '5432');
    expect(result).toEqual({
      code: 0,
      stdout: [
        'yes',
        'ns/deployment/web -> ns/service/db TCP/5432 (pod port 15432): allowed',
        'note: ns/service/db port 5432/TCP (postgres) goes to targetPort pg, which is pod port 15432; policies see the pod port',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('explains the translation and the rule that allowed the pod port', async () => {
    const result = await run('ns/deploy/web', 'ns/svc/db', '--port', '5432', '--explain');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('goes to targetPort pg, which is pod port 15432');
    expect(result.stdout).toContain(
      'ingress to ns/statefulset/db allowed by ns/db-from-web rule 0 (from peer 0, port 15432/TCP)',
    );
  });

  it('denies a pod the policy does not admit, on the translated port', async () => {
    const result = await run('ns/deploy/api', 'ns/svc/db', '--port', '5432', '--explain');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('TCP/5432 (pod port 15432): denied');
    expect(result.stdout).toContain('no rule allows ns/deployment/api on 15432/TCP');
  });

  it('takes a Service port by name, and kind/name with -n', async () => {
    const result = await run('-n', 'ns', 'deploy/web', 'svc/db', '--port', 'postgres');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'ns/deployment/web -> ns/service/db TCP/postgres (port 5432, pod port 15432): allowed',
    );
  });

  it('reports the Service hop in JSON', async () => {
    const result = await run('ns/deploy/web', 'ns/svc/db', '--port', '5432', '-o', 'json');
    const doc = JSON.parse(result.stdout);
    expect(doc).toEqual({
      apiVersion: 'kube-reach/v1alpha1',
      kind: 'ReachabilityQuery',
      from: 'ns/deployment/web',
      to: 'ns/service/db',
      traffic: { port: 15432, protocol: 'TCP' },
      allowed: true,
      service: {
        service: 'ns/service/db',
        port: 5432,
        name: 'postgres',
        protocol: 'TCP',
        targetPort: 'pg',
        podPorts: [15432],
      },
    });
    expect(result.stderr).toContain('note: ns/service/db port 5432/TCP');
  });

  it('without --port, lists the Service ports that may be used', async () => {
    const result = await run('ns/deploy/web', 'ns/svc/db');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('ns/deployment/web -> ns/service/db: TCP 5432');
  });

  it('uses a Service as a source: its backing pods', async () => {
    const result = await run('ns/svc/web', 'ns/sts/db', '--port', '15432');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ns/service/web -> ns/statefulset/db TCP/15432: allowed');
  });

  it.each([
    [
      ['ns/deploy/web', 'ns/svc/legacy', '--port', '5432'],
      'error: service ns/service/legacy has no selector, so its backends are not in the manifests',
    ],
    [
      ['ns/deploy/web', 'ns/svc/orphan', '--port', '80'],
      'error: service ns/service/orphan selects app=gone, but no pod in namespace "ns" has those labels',
    ],
    [
      ['ns/deploy/web', 'ns/svc/db', '--port', '15432'],
      'error: ns/service/db has no TCP port 15432; its ports are 5432/TCP (postgres), 9000/TCP (admin)',
    ],
    [
      ['ns/deploy/web', 'ns/svc/db', '--port', '5000-6000'],
      'error: a port range cannot be used with a Service destination (ns/service/db)',
    ],
    [
      ['ns/deploy/web', 'ns/svc/dbb', '--port', '5432'],
      'error: no service named "dbb" in namespace "ns"\ndid you mean one of these?\n  ns/service/db',
    ],
  ])('%j exits 2: %s', async (args, message) => {
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });

  it('suggests the Service when ns/NAME names only a Service', async () => {
    const result = await run('ns/deploy/web', 'ns/legacy', '--port', '5432');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('did you mean one of these?\n  ns/service/legacy\n');
  });
});
