import { describe, expect, it } from 'vitest';
import { reach, SEED_FILES, SHOP_YAML } from './support/fixtures.js';

const FILES = { ...SEED_FILES, 'shop.yaml': SHOP_YAML };

/** Runs `reach query -f seed -f shop.yaml ... -o json` and returns the endpoints it resolved. */
async function resolve(
  ...args: string[]
): Promise<{ code: number; from?: string; to?: string; stderr: string }> {
  const result = await reach(
    ['query', '-f', 'seed', '-f', 'shop.yaml', '-o', 'json', ...args],
    FILES,
  );
  if (result.stdout === '') return { code: result.code, stderr: result.stderr };
  const doc = JSON.parse(result.stdout) as { from: string; to: string };
  return { code: result.code, from: doc.from, to: doc.to, stderr: result.stderr };
}

describe('endpoint forms', () => {
  it.each([
    // [typed, extra flags, canonical]
    ['ops/ci-runner', [], 'ops/ci-runner'],
    ['ci-runner', ['-n', 'ops'], 'ops/ci-runner'],
    ['ops/pod/ci-runner', [], 'ops/ci-runner'],
    ['ops/po/ci-runner', [], 'ops/ci-runner'],
    ['ops/Pods/ci-runner', [], 'ops/ci-runner'],
    ['ops/monitoring', [], 'ops/deployment/monitoring'],
    ['ops/deployment/monitoring', [], 'ops/deployment/monitoring'],
    ['ops/deploy/monitoring', [], 'ops/deployment/monitoring'],
    ['ops/DEPLOYMENTS/monitoring', [], 'ops/deployment/monitoring'],
    ['deploy/monitoring', ['-n', 'ops'], 'ops/deployment/monitoring'],
    ['monitoring', ['--namespace', 'ops'], 'ops/deployment/monitoring'],
    ['shop/rs/cart-7d9', [], 'shop/replicaset/cart-7d9'],
    ['198.51.100.7', [], '198.51.100.7'],
  ])('%s %j -> %s', async (typed, flags, canonical) => {
    const result = await resolve(...flags, typed, 'staging/deployment/web', '--port', '80');
    expect(result.stderr).toBe('');
    expect(result.from).toBe(canonical);
  });

  it('uses -n for objects without a namespace as well', async () => {
    const pod = `
apiVersion: v1
kind: Pod
metadata: {name: lonely, labels: {app: lonely}}
spec: {containers: [{name: c, image: x}]}
`;
    const result = await reach(
      [
        'query',
        '-f',
        'pod.yaml',
        '-n',
        'team-a',
        'lonely',
        '1.2.3.4',
        '--port',
        '80',
        '-o',
        'json',
      ],
      { 'pod.yaml': pod },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).from).toBe('team-a/lonely');
  });

  it('prefers a namespace over a kind alias for NAMESPACE/NAME', async () => {
    const files = {
      'a.yaml': `
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: job}
spec: {containers: [{name: c, image: x}]}
`,
    };
    const result = await reach(
      ['query', '-f', 'a.yaml', 'job/web', '1.2.3.4', '--port', '80', '-o', 'json'],
      files,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).from).toBe('job/web');
  });

  it('reads a workload with live pods as those pods (ReplicaSet -> Deployment)', async () => {
    const result = await reach(
      [
        'query',
        '-f',
        'seed',
        '-f',
        'shop.yaml',
        'shop/rs/cart-7d9',
        'ops/ci-runner',
        '--port',
        '80',
      ],
      FILES,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('yes\nshop/replicaset/cart-7d9 -> ops/ci-runner TCP/80: allowed\n');
  });
});

describe('endpoints that do not resolve', () => {
  it('suggests the same name in other namespaces', async () => {
    const result = await reach([
      'query',
      '-f',
      'seed',
      'prod/web',
      'ops/ci-runner',
      '--port',
      '80',
    ]);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'error: no pod or workload named "web" in namespace "prod" (there is no such namespace)',
        'did you mean one of these?',
        '  dev/deployment/web',
        '  production/deployment/web',
        '  staging/deployment/web',
        '',
      ].join('\n'),
    });
  });

  it('suggests close names in the same namespace', async () => {
    const result = await reach([
      'query',
      '-f',
      'seed',
      'ops/ci-runner',
      'production/wbe',
      '--port',
      '80',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      [
        'error: no pod or workload named "wbe" in namespace "production"',
        'did you mean one of these?',
        '  production/deployment/web',
        '',
      ].join('\n'),
    );
  });

  it('says which kind was asked for', async () => {
    const result = await reach([
      'query',
      '-f',
      'seed',
      'ops/sts/monitoring',
      'ops/ci-runner',
      '--port',
      '80',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      [
        'error: no statefulset named "monitoring" in namespace "ops"',
        'did you mean one of these?',
        '  ops/deployment/monitoring',
        '',
      ].join('\n'),
    );
  });

  it('reports both endpoints when both are unknown', async () => {
    const result = await reach(['query', '-f', 'seed', 'zzz/a', 'zzz/b', '--port', '80']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('named "a"');
    expect(result.stderr).toContain('named "b"');
  });

  it('lists at most ten candidates', async () => {
    const pods = Array.from(
      { length: 15 },
      (_, i) =>
        `apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: ns-${String(i).padStart(2, '0')}}\nspec: {containers: [{name: c, image: x}]}`,
    ).join('\n---\n');
    const result = await reach(['query', '-f', 'p.yaml', 'web', '1.2.3.4', '--port', '80'], {
      'p.yaml': pods,
    });
    expect(result.code).toBe(2);
    const candidates = result.stderr.split('\n').filter((line) => line.startsWith('  '));
    expect(candidates).toHaveLength(10);
    expect(candidates[0]).toBe('  ns-00/web');
  });

  it('exits 2 listing the candidates when a name is ambiguous', async () => {
    const result = await reach(
      ['query', '-f', 'shop.yaml', 'shop/web', '1.2.3.4', '--port', '80'],
      FILES,
    );
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        'error: name "web" in namespace "shop" is ambiguous',
        'name one of these:',
        '  shop/pod/web',
        '  shop/deployment/web',
        '',
      ].join('\n'),
    });
  });

  it.each([
    ['shop/pod/web', 'shop/web'],
    ['shop/deploy/web', 'shop/deployment/web'],
  ])('resolves the ambiguity with a kind: %s', async (typed, canonical) => {
    const result = await reach(
      ['query', '-f', 'shop.yaml', typed, '1.2.3.4', '--port', '80', '-o', 'json'],
      FILES,
    );
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).from).toBe(canonical);
  });

  it.each([
    ['a/b/c/d', 'invalid endpoint "a/b/c/d"'],
    ['a//b', 'invalid endpoint "a//b"'],
    ['/web', 'invalid endpoint "/web"'],
    ['shop/gadget/web', 'unknown kind "gadget" in endpoint "shop/gadget/web"'],
    ['10.0.0.0/33', 'invalid CIDR "10.0.0.0/33"'],
    ['shop/[app]', 'invalid label "app" in endpoint "shop/[app]"'],
  ])('rejects %s', async (typed, message) => {
    const result = await reach(
      ['query', '-f', 'shop.yaml', typed, '1.2.3.4', '--port', '80'],
      FILES,
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`error: ${message}`);
  });
});

describe('suggestions ignore case', () => {
  it('suggests production/deployment/web for Production/Web', async () => {
    const result = await reach([
      'query',
      '-f',
      'seed',
      'ops/ci-runner',
      'Production/Web',
      '--port',
      '80',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('  production/deployment/web\n');
  });
});
