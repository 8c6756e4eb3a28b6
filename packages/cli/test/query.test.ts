import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { reach, SEED_FILES, SEED_YAML, SHOP_YAML } from './support/fixtures.js';

const SHOP_FILES = { ...SEED_FILES, 'shop.yaml': SHOP_YAML };

function query(...args: string[]): string[] {
  return ['query', '-f', 'seed', ...args];
}

describe('reach query: the seed scenario', () => {
  it.each([
    ['ops/ci-runner', 'production/deployment/web', '80', 'TCP', 0],
    ['ops/deployment/monitoring', 'production/deployment/web', '80', 'TCP', 0],
    ['ops/deployment/monitoring', 'production/deployment/web', '443', 'TCP', 1],
    ['ops/deployment/monitoring', 'production/deployment/web', '80', 'UDP', 1],
    ['staging/deployment/web', 'production/deployment/web', '80', 'TCP', 1],
    ['production/deployment/api', 'production/deployment/web', '80', 'TCP', 1],
    ['198.51.100.7', 'production/deployment/web', '80', 'TCP', 1],
    ['dev/debug', 'dev/deployment/web', '80', 'TCP', 1],
    ['dev/debug', 'kube-system/deployment/coredns', '53', 'UDP', 1],
    ['ops/ci-runner', 'dev/deployment/web', '80', 'TCP', 1],
    ['staging/deployment/web', 'production/deployment/api', '8080', 'TCP', 0],
    ['production/deployment/web', '203.0.113.10', '443', 'TCP', 0],
    ['staging/deployment/web', 'kube-system/deployment/coredns', '53', 'UDP', 0],
  ])('%s -> %s %s/%s exits %i', async (from, to, port, protocol, code) => {
    const result = await reach(query(from, to, '--port', port, '--protocol', protocol));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(code);
  });

  it('answers yes and one summary line in the table format', async () => {
    const result = await reach(query('ops/ci-runner', 'production/deployment/web', '--port', '80'));
    expect(result).toEqual({
      code: 0,
      stdout: 'yes\nops/ci-runner -> production/deployment/web TCP/80: allowed\n',
      stderr: '',
    });
  });

  it('answers no when denied', async () => {
    const result = await reach(query('dev/debug', 'dev/deployment/web', '--port', '80'));
    expect(result).toEqual({
      code: 1,
      stdout: 'no\ndev/debug -> dev/deployment/web TCP/80: denied\n',
      stderr: '',
    });
  });

  it('prints the fixed JSON document with -o json', async () => {
    const result = await reach(
      query('ops/ci-runner', 'production/deployment/web', '--port', '80', '-o', 'json'),
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const doc = JSON.parse(result.stdout);
    expect(doc).toEqual({
      apiVersion: 'kube-reach/v1alpha1',
      kind: 'ReachabilityQuery',
      from: 'ops/ci-runner',
      to: 'production/deployment/web',
      traffic: { port: 80, protocol: 'TCP' },
      allowed: true,
    });
    expect(Object.keys(doc)).toEqual(['apiVersion', 'kind', 'from', 'to', 'traffic', 'allowed']);
    expect(Object.keys(doc.traffic)).toEqual(['port', 'protocol']);
  });

  it('prints the same document as YAML with -o yaml, and still exits 1 when denied', async () => {
    const result = await reach(
      query(
        'dev/debug',
        'kube-system/deployment/coredns',
        '--port',
        '53',
        '--protocol',
        'udp',
        '-o',
        'yaml',
      ),
    );
    expect(result.code).toBe(1);
    expect(load(result.stdout)).toEqual({
      apiVersion: 'kube-reach/v1alpha1',
      kind: 'ReachabilityQuery',
      from: 'dev/debug',
      to: 'kube-system/deployment/coredns',
      traffic: { port: 53, protocol: 'UDP' },
      allowed: false,
    });
    expect(result.stdout.split('\n')[0]).toBe('apiVersion: kube-reach/v1alpha1');
  });

  it('prints nothing with -q, and answers with the exit code', async () => {
    const allowed = await reach(
      query('-q', 'ops/ci-runner', 'production/deployment/web', '--port', '80'),
    );
    const denied = await reach(query('--quiet', 'dev/debug', 'dev/deployment/web', '--port', '80'));
    expect(allowed).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(denied).toEqual({ code: 1, stdout: '', stderr: '' });
  });

  it('still explains exit 2 on stderr with -q', async () => {
    const result = await reach(
      query('-q', 'ops/nope', 'production/deployment/web', '--port', '80'),
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no pod or workload named "nope"');
  });

  it('is deterministic', async () => {
    const argv = query('ops/ci-runner', 'production/deployment/web', '--port', '80', '-o', 'yaml');
    expect((await reach(argv)).stdout).toBe((await reach(argv)).stdout);
  });
});

describe('reach query: ports and protocols', () => {
  it('resolves a named port on the destination pod', async () => {
    const result = await reach(
      query('ops/ci-runner', 'production/deployment/web', '--port', 'http'),
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'yes\nops/ci-runner -> production/deployment/web TCP/80 (http): allowed\n',
    );
  });

  it('reports the resolved number in JSON', async () => {
    const result = await reach(
      query('ops/ci-runner', 'production/deployment/web', '--port', 'https', '-o', 'json'),
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).traffic).toEqual({ port: 443, protocol: 'TCP' });
  });

  it('matches a named port with the given protocol only', async () => {
    const udp = await reach(
      query(
        'staging/deployment/web',
        'kube-system/deployment/coredns',
        '--port',
        'dns',
        '--protocol',
        'UDP',
      ),
    );
    expect(udp.code).toBe(0);
    expect(udp.stdout).toContain('UDP/53 (dns): allowed');
    const tcp = await reach(
      query('staging/deployment/web', 'kube-system/deployment/coredns', '--port', 'dns'),
    );
    expect(tcp.code).toBe(2);
    expect(tcp.stderr).toBe(
      'error: pod kube-system/deployment/coredns has no TCP container port named "dns"; it has dns (UDP/53), dns-tcp (TCP/53)\n',
    );
  });

  it('exits 2 for a port name on a pod without it', async () => {
    const result = await reach(
      query('ops/ci-runner', 'production/deployment/web', '--port', 'grpc'),
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('has no TCP container port named "grpc"');
  });

  it('exits 2 for a port name when the destination is an address', async () => {
    const result = await reach(query('ops/ci-runner', '203.0.113.10', '--port', 'http'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('203.0.113.10 is an address outside the cluster');
  });

  it.each(['tcp', 'Tcp', 'TCP'])('accepts --protocol %s', async (protocol) => {
    const result = await reach(
      query('ops/ci-runner', 'production/deployment/web', '--port', '80', '--protocol', protocol),
    );
    expect(result.code).toBe(0);
  });

  it('accepts SCTP', async () => {
    const result = await reach(
      query('ops/ci-runner', 'production/deployment/web', '--port', '80', '--protocol', 'sctp'),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('SCTP/80: denied');
  });
});

describe('reach query: manifests', () => {
  it('reads manifests from stdin with -f -', async () => {
    const result = await reach(
      ['query', '-f', '-', 'ops/ci-runner', 'production/deployment/web', '--port', '80'],
      {},
      { stdin: SEED_YAML },
    );
    expect(result.code).toBe(0);
  });

  it('combines several -f flags', async () => {
    const result = await reach([
      'query',
      '-f',
      'seed/namespaces.yaml',
      '--filename',
      'seed/workloads.yaml',
      'ops/ci-runner',
      'production/deployment/web',
      '--port',
      '443',
    ]);
    // Without the policies file nothing is isolated.
    expect(result.code).toBe(0);
  });

  it('reads subdirectories with -R only', async () => {
    const files = {
      'cluster/namespaces.yaml': SEED_FILES['seed/namespaces.yaml']!,
      'cluster/apps/workloads.yml': SEED_FILES['seed/workloads.yaml']!,
      'cluster/apps/policies/policies.yaml': SEED_FILES['seed/policies.yaml']!,
      'cluster/README.md': '# not a manifest',
    };
    const argv = [
      'query',
      '-f',
      'cluster',
      'ops/ci-runner',
      'production/deployment/web',
      '--port',
      '443',
    ];
    const flat = await reach([...argv, '--allow-empty'], files);
    expect(flat.code).toBe(2);
    expect(flat.stderr).toContain('no pod or workload named "ci-runner" in namespace "ops"');
    const recursive = await reach([...argv, '-R'], files);
    expect(recursive.stderr).toBe('');
    expect(recursive.code).toBe(1);
  });

  it('exits 2 and prints every issue with its field path for invalid manifests', async () => {
    const broken = `${SEED_FILES['seed/policies.yaml']}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: broken, namespace: production}
spec:
  podSelector: {}
  ingress:
    - ports:
        - {protocol: TCP, port: 80, endPort: 20}
`;
    const result = await reach(
      query('ops/ci-runner', 'production/deployment/web', '--port', '80'),
      {
        ...SEED_FILES,
        'seed/policies.yaml': broken,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('seed/policies.yaml');
    expect(result.stderr).toContain('spec.ingress[0].ports[0].endPort');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a YAML syntax error', async () => {
    const result = await reach(query('a', 'b', '--port', '80'), {
      'seed/x.yaml': 'kind: [unclosed\n',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('seed/x.yaml');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a path that does not exist', async () => {
    const result = await reach(['query', '-f', 'nope.yaml', 'a', 'b', '--port', '80']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: nope.yaml: cannot read: no such file or directory\n',
    });
  });
});

describe('reach query: workloads with several live pods', () => {
  const cart = ['query', '-f', 'seed', '-f', 'shop.yaml'];

  it('denies when some pods behind a workload are denied, and lists every pair', async () => {
    const result = await reach(
      [...cart, 'ops/ci-runner', 'shop/deployment/cart', '--port', '8080'],
      SHOP_FILES,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'no',
        'ops/ci-runner -> shop/deployment/cart TCP/8080: denied',
        'note: no, because not every pod pair is allowed (1 of 2 are):',
        '  ops/ci-runner -> shop/cart-7d9-a TCP/8080: allowed',
        '  ops/ci-runner -> shop/cart-7d9-b TCP/8080: denied',
        '',
      ].join('\n'),
    );
  });

  it('puts notes on stderr with -o json', async () => {
    const result = await reach(
      [...cart, 'ops/ci-runner', 'shop/cart', '--port', 'http', '-o', 'json'],
      SHOP_FILES,
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      to: 'shop/deployment/cart',
      traffic: { port: 8080, protocol: 'TCP' },
      allowed: false,
    });
    expect(result.stderr).toContain('note: no, because not every pod pair is allowed');
  });

  it('allows when every pod behind the workload is allowed', async () => {
    const result = await reach(
      [...cart, 'shop/deploy/cart', 'production/deployment/api', '--port', '8080'],
      SHOP_FILES,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'yes\nshop/deployment/cart -> production/deployment/api TCP/8080: allowed\n',
    );
  });

  it('resolves an IP address to the pod that has it, and says so', async () => {
    const result = await reach(
      [...cart, 'ops/ci-runner', '10.0.0.12', '--port', '8080'],
      SHOP_FILES,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'no',
        'ops/ci-runner -> shop/cart-7d9-b TCP/8080: denied',
        'note: 10.0.0.12 is the IP of pod shop/cart-7d9-b',
        '',
      ].join('\n'),
    );
  });

  it('resolves an IPv6 address written differently', async () => {
    const result = await reach(
      [...cart, 'fd00:0:0::10', 'ops/ci-runner', '--port', '80', '-o', 'json'],
      SHOP_FILES,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).from).toBe('shop/v6');
    expect(result.stderr).toBe('note: fd00:0:0::10 is the IP of pod shop/v6\n');
  });

  it('treats an IPv6 address no pod has as outside the cluster', async () => {
    const result = await reach(
      [...cart, '2001:db8::1', 'shop/cart-7d9-b', '--port', '8080'],
      SHOP_FILES,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('2001:db8::1 -> shop/cart-7d9-b TCP/8080: denied');
  });
});
