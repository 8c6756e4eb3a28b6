import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { reach, SEED_FILES, SHOP_YAML } from './support/fixtures.js';

const SHOP_FILES = { ...SEED_FILES, 'shop.yaml': SHOP_YAML };

describe('reach who-can-reach', () => {
  it('lists the pods that can reach TO on a port, in a kubectl-style table', async () => {
    const result = await reach([
      'who-can-reach',
      '-f',
      'seed',
      'production/deploy/web',
      '--port',
      '80',
    ]);
    expect(result).toEqual({
      code: 0,
      stdout: [
        'NAMESPACE   NAME                    PORT',
        'ops         ci-runner               TCP/80',
        'ops         deployment/monitoring   TCP/80',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('lists connection sets without --port, external address ranges included', async () => {
    const result = await reach(['who-can-reach', '-f', 'seed', 'staging/deploy/web']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('NAMESPACE     NAME                                         CONNECTIONS');
    expect(lines).toContain('ops           ci-runner                                    all');
    expect(lines).toContain('<none>        0.0.0.0-255.255.255.255                      all');
    // dev is cut off by deny-all; the template stands for replicas, which may reach each other.
    expect(result.stdout).not.toContain('dev ');
    expect(lines).toContain('staging       deployment/web                               all');
  });

  it('leaves out the pod itself, and address ranges when the endpoint is an address', async () => {
    const pod = await reach(['who-can-reach', '-f', 'seed', 'ops/ci-runner', '-o', 'name']);
    expect(pod.stdout).not.toContain('ops/ci-runner\n');
    const address = await reach(['who-can-reach', '-f', 'seed', '203.0.113.9', '-o', 'name']);
    expect(address.stdout).not.toContain('0.0.0.0');
  });

  it('filters with -n and with -l (kubectl selector grammar), leaving address ranges out', async () => {
    const byNamespace = await reach([
      'who-can-reach',
      '-f',
      'seed',
      'staging/deploy/web',
      '--port',
      '80',
      '-n',
      'ops',
      '--no-headers',
    ]);
    expect(byNamespace.stdout).toBe(
      'ops   ci-runner               TCP/80\nops   deployment/monitoring   TCP/80\n',
    );
    const bySelector = await reach([
      'who-can-reach',
      '-f',
      'seed',
      'staging/deploy/web',
      '--port',
      '80',
      '-l',
      'app in (api,monitoring),!run',
      '-o',
      'name',
    ]);
    expect(bySelector.stdout).toBe('ops/deployment/monitoring\nproduction/deployment/api\n');
  });

  it('says so on stderr, exit 0, when nothing can reach', async () => {
    const result = await reach(['who-can-reach', '-f', 'seed', 'dev/deploy/web', '--port', '80']);
    expect(result).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No pods or address ranges can reach dev/deployment/web on TCP/80.\n',
    });
  });

  it('prints a WhoCanReach document with -o json and -o yaml', async () => {
    const args = ['who-can-reach', '-f', 'seed', 'production/deploy/web', '--port', 'http'];
    const json = JSON.parse((await reach([...args, '-o', 'json'])).stdout);
    expect(json).toEqual({
      apiVersion: 'kube-reach/v1alpha1',
      kind: 'WhoCanReach',
      to: 'production/deployment/web',
      traffic: { port: 'http', protocol: 'TCP' },
      match: 'all',
      peers: [
        {
          endpoint: 'ops/ci-runner',
          namespace: 'ops',
          name: 'ci-runner',
          kind: 'pod',
          ports: [80],
        },
        {
          endpoint: 'ops/deployment/monitoring',
          namespace: 'ops',
          name: 'deployment/monitoring',
          kind: 'template',
          ports: [80],
        },
      ],
    });
    expect(load((await reach([...args, '-o', 'yaml'])).stdout)).toEqual(json);
  });

  it('needs every pod behind TO with --match all, one with --match any', async () => {
    const args = ['who-can-reach', '-f', 'shop.yaml', 'shop/deploy/cart', '--port', 'http'];
    // The canary pod of cart admits nothing, so nothing reaches every pod of cart.
    const all = await reach([...args, '-n', 'shop'], SHOP_FILES);
    expect(all.stderr).toBe(
      'No pods or address ranges can reach shop/deployment/cart on TCP/http.\n',
    );
    const any = await reach([...args, '-n', 'shop', '--match', 'any', '-o', 'name'], SHOP_FILES);
    expect(any.stdout).toBe('shop/deployment/web\nshop/v6\nshop/web\n');
  });
});

describe('reach reachable-from', () => {
  it('lists what FROM can reach, on a named port resolved per destination', async () => {
    const result = await reach([
      'reachable-from',
      '-f',
      'seed',
      'ops/ci-runner',
      '--port',
      'http',
      '-n',
      'production',
    ]);
    expect(result.stdout).toBe(
      [
        'NAMESPACE    NAME             PORT',
        'production   deployment/api   TCP/8080',
        'production   deployment/web   TCP/80',
        '',
      ].join('\n'),
    );
  });

  it('prints a ReachableFrom document, -o wide with kind and labels', async () => {
    const json = JSON.parse(
      (await reach(['reachable-from', '-f', 'seed', 'dev/debug', '-o', 'json'])).stdout,
    );
    expect(json).toMatchObject({ kind: 'ReachableFrom', from: 'dev/debug', traffic: null });
    expect(json.peers).toEqual([]);
    const wide = await reach([
      'reachable-from',
      '-f',
      'seed',
      'ops/ci-runner',
      '--port',
      '80',
      '-n',
      'staging',
      '-o',
      'wide',
    ]);
    expect(wide.stdout).toBe(
      [
        'NAMESPACE   NAME             PORT     KIND       LABELS',
        'staging     deployment/web   TCP/80   template   app=web',
        '',
      ].join('\n'),
    );
  });

  it('takes every endpoint form, external included', async () => {
    const result = await reach([
      'reachable-from',
      '-f',
      'seed',
      'external',
      '--port',
      '80',
      '-o',
      'name',
      '-q',
    ]);
    expect(result).toEqual({
      code: 0,
      stdout: [
        'kube-system/deployment/coredns',
        'ops/ci-runner',
        'ops/deployment/monitoring',
        'production/deployment/api',
        'staging/deployment/web',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('exits 2 for an unknown endpoint, with candidates', async () => {
    const result = await reach(['reachable-from', '-f', 'seed', 'ops/ci-runer']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('did you mean one of these?\n  ops/ci-runner\n');
  });
});
