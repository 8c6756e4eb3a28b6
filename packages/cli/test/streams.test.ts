import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reach } from './support/fixtures.js';

/** A realistic stream under examples/streams, as `... | reach ... -f -` would read it. */
const stream = (name: string): string =>
  readFileSync(new URL(`../../../examples/streams/${name}`, import.meta.url), 'utf8');

function piped(name: string, ...args: string[]) {
  return reach([...args, '-f', '-'], {}, { stdin: stream(name) });
}

describe('kubectl get ns,pods,deploy,sts,ds,svc,netpol -A -o yaml | reach ... -f -', () => {
  const file = 'kubectl-get.yaml';

  it('loads the List, ignoring managedFields and status but pod IPs and phase', async () => {
    const result = await piped(file, 'validate');
    expect(result).toEqual({
      code: 0,
      stdout:
        '19 objects in 1 file: 0 errors, 0 warnings (3 Namespace, 6 Pod, 2 Deployment, 1 StatefulSet, 1 DaemonSet, 3 Service, 3 NetworkPolicy)\n',
      stderr: '',
    });
  });

  it('reads deploy/web as its live pods although the ReplicaSet is not in the stream', async () => {
    const result = await piped(
      file,
      'query',
      'payments/deploy/web',
      'payments/svc/db',
      '--port',
      '5432',
      '--explain',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'payments/deployment/web -> payments/service/db TCP/5432 (pod port 15432): allowed',
    );
    expect(result.stdout).toContain('payments/web-6f7c9d8b5-2xk8p -> payments/db-0: allowed');
    expect(result.stdout).toContain('payments/web-6f7c9d8b5-q9mzt -> payments/db-0: allowed');
  });

  it('resolves a pod IP from status, and leaves the Succeeded job pod out', async () => {
    const byIp = await piped(file, 'query', '10.244.2.40', 'payments/svc/web', '--port', '80');
    expect(byIp.code).toBe(0);
    expect(byIp.stdout).toContain('note: 10.244.2.40 is the IP of pod ops/toolbox');
    const terminated = await piped(
      file,
      'query',
      'payments/db-migrate-28581330-x7k2v',
      'payments/db-0',
    );
    expect(terminated.code).toBe(2);
  });

  it('answers who can reach the database through its Service', async () => {
    const result = await piped(file, 'who-can-reach', 'payments/svc/db', '--port', '5432');
    expect(result.stdout).toBe(
      [
        'NAMESPACE   NAME                          PORT',
        'payments    web-6f7c9d8b5-2xk8p           TCP/15432',
        'payments    web-6f7c9d8b5-q9mzt           TCP/15432',
        // The db pod's own node (kubelet probes): the API reference always allows it.
        '<none>      192.168.10.11-192.168.10.11   TCP/15432',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toContain('goes to targetPort pg, which is pod port 15432');
  });
});

describe('helm template ... | reach ... -f -', () => {
  const file = 'helm-template.yaml';

  it('loads the chart output: # Source comments, empty documents, no namespaces', async () => {
    const result = await piped(file, 'validate');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '7 objects in 1 file: 0 errors, 2 warnings (1 Pod, 1 Deployment, 1 StatefulSet, 2 Service, 2 NetworkPolicy)',
    );
  });

  it('answers in the namespace of -n, without warnings about ConfigMaps and ServiceAccounts', async () => {
    const result = await piped(
      file,
      'query',
      '-n',
      'shop',
      'deploy/shop-api',
      'svc/shop-db',
      '--port',
      '5432',
    );
    expect(result).toEqual({
      code: 0,
      stdout: [
        'yes',
        'shop/deployment/shop-api -> shop/service/shop-db TCP/5432 (pod port 15432): allowed',
        'note: shop/service/shop-db port 5432/TCP (postgres) goes to targetPort pg, which is pod port 15432; policies see the pod port',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('checks expectations against the chart', async () => {
    const spec = `
- {name: api reaches db, from: deploy/shop-api, to: svc/shop-db, port: 5432, expect: allow}
- {name: the test pod does not, from: shop-test-connection, to: svc/shop-db, port: 5432, expect: deny}
`;
    const result = await reach(
      ['test', 'spec.yaml', '-f', '-', '-n', 'shop'],
      { 'spec.yaml': spec },
      {
        stdin: stream(file),
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('2 passed, 0 failed');
  });
});

describe('kustomize build ... | reach ... -f -', () => {
  const file = 'kustomize-build.yaml';

  it('loads the overlay output', async () => {
    const result = await piped(file, 'validate');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '7 objects in 1 file: 0 errors, 1 warning (1 Namespace, 2 Deployment, 1 Service, 3 NetworkPolicy)',
    );
  });

  it('finds that the worker cannot reach web: web admits only addresses outside 10/8', async () => {
    const worker = await piped(
      file,
      'query',
      'shop-prod/deploy/prod-worker',
      'shop-prod/svc/prod-web',
      '--port',
      '80',
      '--explain',
    );
    expect(worker.code).toBe(1);
    expect(worker.stdout).toContain(
      'shop-prod/deployment/prod-worker -> shop-prod/service/prod-web TCP/80 (pod port 8080): denied',
    );
    expect(worker.stdout).toContain('ingress to shop-prod/deployment/prod-web is isolated by');
    const internet = await piped(
      file,
      'query',
      'external',
      'shop-prod/svc/prod-web',
      '--port',
      '80',
    );
    expect(internet.code).toBe(0);
  });

  it('prints the matrix of the overlay', async () => {
    const result = await piped(file, 'matrix', '--port', '8080', '-o', 'csv');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'from,to,allowed',
        'shop-prod/deployment/prod-web,shop-prod/deployment/prod-web,false',
        'shop-prod/deployment/prod-web,shop-prod/deployment/prod-worker,false',
        'shop-prod/deployment/prod-worker,shop-prod/deployment/prod-web,false',
        'shop-prod/deployment/prod-worker,shop-prod/deployment/prod-worker,false',
        '',
      ].join('\n'),
    );
  });
});
