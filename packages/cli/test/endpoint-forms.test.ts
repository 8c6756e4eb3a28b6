import { describe, expect, it } from 'vitest';
import { reach, SEED_FILES, SHOP_YAML } from './support/fixtures.js';

const SHOP_FILES = { ...SEED_FILES, 'shop.yaml': SHOP_YAML };

/** Payments egress: the provider's 203.0.113.0/25 on 443, nothing else leaves. */
const EGRESS_YAML = `
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: pay, labels: {app: api}}
spec: {containers: [{name: api, image: api, ports: [{name: http, containerPort: 8080}]}]}
status: {phase: Running, podIP: 10.1.0.5}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: pay, labels: {app: web}}
spec: {containers: [{name: web, image: web, ports: [{name: http, containerPort: 8080}]}]}
status: {phase: Running, podIP: 10.1.0.6}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-egress, namespace: pay}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Egress]
  egress:
    - to: [{ipBlock: {cidr: 203.0.113.0/24, except: [203.0.113.128/25]}}]
      ports: [{port: 443}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-ingress, namespace: pay}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {matchLabels: {tier: front}}}]
      ports: [{port: 8000, endPort: 8040}]
    - from: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 198.51.100.0/24]}}]
      ports: [{port: 443}]
`;
const EGRESS = { 'pay.yaml': EGRESS_YAML };

function query(files: Record<string, string>, file: string, ...args: string[]) {
  return reach(['query', '-f', file, ...args], files);
}

describe('hypothetical pods: NAMESPACE/[labels]', () => {
  it('answers for a pod that does not exist yet, with exactly those labels', async () => {
    const allowed = await query(
      SEED_FILES,
      'seed',
      'ops/[app=new]',
      'production/deploy/web',
      '--port',
      '80',
    );
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toBe(
      'yes\nops/[app=new] -> production/deployment/web TCP/80: allowed\n',
    );
    const denied = await query(
      SEED_FILES,
      'seed',
      'staging/[app=web]',
      'production/deploy/web',
      '--port',
      '80',
    );
    expect(denied.code).toBe(1);
  });

  it('is selected by policies through its labels, as a destination too', async () => {
    // restrict-access selects app=web in production: a new app=web pod is isolated like web.
    const isolated = await query(
      SEED_FILES,
      'seed',
      'staging/deploy/web',
      'production/[app=web]',
      '--port',
      '80',
    );
    expect(isolated.code).toBe(1);
    const open = await query(
      SEED_FILES,
      'seed',
      'staging/deploy/web',
      'production/[app=other]',
      '--port',
      '80',
    );
    expect(open.code).toBe(0);
  });

  it('writes the labels canonically, sorted, with k!=v kept', async () => {
    const result = await query(
      SEED_FILES,
      'seed',
      '-n',
      'ops',
      '[team=x,app=new,tier!=db]',
      'production/deploy/web',
      '--port',
      '80',
      '-o',
      'json',
    );
    expect(JSON.parse(result.stdout).from).toBe('ops/[app=new,team=x,tier!=db]');
  });

  it('notes a namespace the manifests do not have', async () => {
    const result = await query(
      SEED_FILES,
      'seed',
      'sandbox/[app=x]',
      'staging/deploy/web',
      '--port',
      '80',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('note: namespace sandbox is not in the manifests');
  });
});

describe('addresses, CIDRs and external', () => {
  it('reads a CIDR as every address in it: --match all by default, --match any', async () => {
    const all = await query(EGRESS, 'pay.yaml', 'pay/api', '203.0.113.0/24', '--port', '443');
    expect(all.code).toBe(1);
    expect(all.stdout).toContain('pay/api -> 203.0.113.0/24 TCP/443: denied');
    expect(all.stdout).toContain('note: no, because not every pair is allowed (1 of 2 are):');
    expect(all.stdout).toContain('  pay/api -> 203.0.113.0-203.0.113.127 TCP/443: allowed');
    expect(all.stdout).toContain('  pay/api -> 203.0.113.128-203.0.113.255 TCP/443: denied');
    const any = await query(
      EGRESS,
      'pay.yaml',
      'pay/api',
      '203.0.113.0/24',
      '--port',
      '443',
      '--match',
      'any',
    );
    expect(any.code).toBe(0);
    expect(any.stdout).toContain('yes, because some pair is allowed (--match any; 1 of 2 are)');
    const inside = await query(EGRESS, 'pay.yaml', 'pay/api', '203.0.113.0/25', '--port', '443');
    expect(inside.code).toBe(0);
  });

  it('reads external (and world) as every public address outside the cluster', async () => {
    const egress = await query(EGRESS, 'pay.yaml', 'pay/api', 'external', '--port', '443');
    expect(egress.code).toBe(1);
    expect(egress.stdout).toContain('note: external is every public IPv4 address');
    const anyEgress = await query(
      EGRESS,
      'pay.yaml',
      'pay/api',
      'world',
      '--port',
      '443',
      '--match',
      'any',
    );
    expect(anyEgress.code).toBe(0);
    // web admits everything but 10/8 and 198.51.100.0/24 on 443: external is split there.
    const ingress = await query(EGRESS, 'pay.yaml', 'external', 'pay/web', '--port', '443');
    expect(ingress.code).toBe(1);
    expect(ingress.stdout).toMatch(
      /198\.51\.100\.0-198\.51\.100\.255 -> pay\/web TCP\/443: denied/,
    );
  });

  it('leaves --cluster-cidr out of external', async () => {
    const result = await query(
      EGRESS,
      'pay.yaml',
      'external',
      'pay/web',
      '--port',
      '443',
      '--cluster-cidr',
      '198.51.100.0/24',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('outside the pod IPs and 198.51.100.0/24');
  });

  it('resolves a pod IP to the pod, any spelling of IPv6 included', async () => {
    const result = await query(
      EGRESS,
      'pay.yaml',
      '10.1.0.5',
      'pay/web',
      '--port',
      '80',
      '-o',
      'json',
    );
    expect(JSON.parse(result.stdout).from).toBe('pay/api');
    expect(result.stderr).toBe('note: 10.1.0.5 is the IP of pod pay/api\n');
    const v6 = await query(
      SHOP_FILES,
      'shop.yaml',
      'fd00:0::10',
      'shop/pod/web',
      '--port',
      '80',
      '-o',
      'json',
    );
    expect(JSON.parse(v6.stdout).from).toBe('shop/v6');
  });

  it('treats 2001:db8::7 as an address outside the cluster', async () => {
    const result = await query(
      SHOP_FILES,
      'shop.yaml',
      '2001:DB8:0::7',
      'shop/pod/web',
      '--port',
      '80',
      '-o',
      'json',
    );
    expect(JSON.parse(result.stdout).from).toBe('2001:db8::7');
  });
});

describe('ports', () => {
  it('takes 53/udp as port and protocol', async () => {
    const result = await query(
      SEED_FILES,
      'seed',
      'staging/deploy/web',
      'kube-system/deploy/coredns',
      '--port',
      '53/udp',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('UDP/53: allowed');
  });

  it('allows a range only when every port of it is allowed', async () => {
    const some = await query(
      EGRESS,
      'pay.yaml',
      'pay/[tier=front]',
      'pay/web',
      '--port',
      '8000-8080',
    );
    expect(some.code).toBe(1);
    expect(some.stdout).toContain(
      'pay/[tier=front] -> pay/web TCP/8000-8080: denied (allowed on TCP 8000-8040 only)',
    );
    const all = await query(
      EGRESS,
      'pay.yaml',
      'pay/[tier=front]',
      'pay/web',
      '--port',
      '8000-8040',
    );
    expect(all.code).toBe(0);
    const json = await query(
      EGRESS,
      'pay.yaml',
      'pay/[tier=front]',
      'pay/web',
      '--port',
      '8000-8080',
      '-o',
      'json',
    );
    expect(JSON.parse(json.stdout).traffic).toEqual({ port: 8000, endPort: 8080, protocol: 'TCP' });
  });

  it('without --port, answers which ports: exit 0 with some, 1 with none', async () => {
    const some = await query(EGRESS, 'pay.yaml', 'pay/[tier=front]', 'pay/web');
    expect(some).toEqual({
      code: 0,
      stdout: 'pay/[tier=front] -> pay/web: TCP 8000-8040\n',
      stderr: '',
    });
    const none = await query(EGRESS, 'pay.yaml', 'pay/api', 'pay/web');
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('pay/api -> pay/web: none\n');
    const json = await query(EGRESS, 'pay.yaml', 'pay/[tier=front]', 'pay/web', '-o', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({
      traffic: null,
      allowed: true,
      connections: { TCP: [[8000, 8040]] },
    });
  });

  it('combines the pods behind an endpoint: the ports all may use, or any with --match any', async () => {
    const files = { ...SHOP_FILES };
    const all = await query(files, 'shop.yaml', 'ops/[x=y]', 'shop/deploy/cart');
    expect(all.stdout.split('\n')[0]).toBe('ops/[x=y] -> shop/deployment/cart: none');
    expect(all.stdout).toContain(
      'note: the pairs behind these endpoints may use different ports (showing what every pair may use):\n  ops/[x=y] -> shop/cart-7d9-a: all\n  ops/[x=y] -> shop/cart-7d9-b: none\n',
    );
    expect(all.code).toBe(1);
    const any = await query(files, 'shop.yaml', 'ops/[x=y]', 'shop/deploy/cart', '--match', 'any');
    expect(any.stdout.split('\n')[0]).toBe('ops/[x=y] -> shop/deployment/cart: all');
    expect(any.code).toBe(0);
  });
});
