import { describe, expect, it } from 'vitest';
import { reach, SEED_FILES } from './support/fixtures.js';

const CILIUM = `apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: deny-all}
spec: {endpointSelector: {}, ingress: [{}]}
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: a, namespace: production}
spec: {endpointSelector: {}}
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: b, namespace: production}
spec: {endpointSelector: {}}
`;

const WITH_CILIUM = { ...SEED_FILES, 'seed/cilium.yaml': CILIUM };
const QUERY = ['query', '-f', 'seed', 'ops/ci-runner', 'production/deployment/web', '--port', '80'];
const UNEVALUATED_LINES = [
  'warning: 1 CiliumClusterwideNetworkPolicy (cilium.io/v2) not evaluated: answers ignore it (seed/cilium.yaml)',
  'warning: 2 CiliumNetworkPolicy (cilium.io/v2) not evaluated: answers ignore them (seed/cilium.yaml)',
];

describe('policies reach cannot evaluate', () => {
  it.each([
    [QUERY],
    [['matrix', '-f', 'seed', '--port', '80']],
    [['who-can-reach', '-f', 'seed', 'production/deployment/web']],
    [['lint', '-f', 'seed']],
    [['validate', '-f', 'seed']],
    [['diff', 'seed', 'seed']],
  ])('are named on stderr, one line per kind: %j', async (argv) => {
    const result = await reach(argv, WITH_CILIUM);
    const lines = result.stderr.split('\n');
    for (const line of UNEVALUATED_LINES) expect(lines).toContain(line);
    expect(result.stderr).not.toMatch(/does not affect pod reachability/);
  });

  it('even with -q', async () => {
    const result = await reach([...QUERY, '-q'], WITH_CILIUM);
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual(UNEVALUATED_LINES);
  });

  it('make the input invalid with --fail-on-unevaluated (exit 2)', async () => {
    const result = await reach([...QUERY, '--fail-on-unevaluated'], WITH_CILIUM);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'error: 2 CiliumNetworkPolicy (cilium.io/v2) not evaluated: answers ignore them (--fail-on-unevaluated) (seed/cilium.yaml)',
    );
    const validate = await reach(['validate', '-f', 'seed', '--fail-on-unevaluated'], WITH_CILIUM);
    expect(validate.code).toBe(2);
    expect((await reach([...QUERY, '--fail-on-unevaluated'])).code).toBe(0);
  });

  it('are never called harmless by validate', async () => {
    const result = await reach(['validate', '-f', 'seed'], WITH_CILIUM);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'warning: seed/cilium.yaml: doc 1 CiliumClusterwideNetworkPolicy deny-all: cilium.io/v2 CiliumClusterwideNetworkPolicy can change traffic but is not evaluated; skipped: answers ignore it',
    );
  });
});

describe('--strict', () => {
  const TYPO = {
    ...SEED_FILES,
    'seed/typo.yaml':
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: t, namespace: dev}\nspec:\n  podSelector: {}\n  ingres: []\n',
  };

  it('turns unknown-field warnings into errors', async () => {
    const loose = await reach([...QUERY], TYPO);
    expect(loose.code).toBe(0);
    expect(loose.stderr).toContain(
      'warning: seed/typo.yaml: doc 1 NetworkPolicy dev/t: spec.ingres: unknown field "spec.ingres"; did you mean "ingress"?',
    );
    const strict = await reach([...QUERY, '--strict'], TYPO);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain(
      'seed/typo.yaml: doc 1 NetworkPolicy dev/t: spec.ingres: unknown field "spec.ingres"; did you mean "ingress"?',
    );
  });

  it('is not needed to refuse a policy whose podSelector is misspelt', async () => {
    const files = {
      ...SEED_FILES,
      'seed/typo.yaml':
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: t, namespace: production}\nspec:\n  podselector: {matchLabels: {app: db}}\n',
    };
    const result = await reach(['validate', '-f', 'seed'], files);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('spec.podSelector: Required value');
  });
});

describe('empty input', () => {
  const EMPTY = { 'empty.yaml': '' };
  const NAMESPACES_ONLY = { 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n' };

  it.each([
    [['query', '-f', 'empty.yaml', '1.2.3.4', '5.6.7.8', '--port', '80']],
    [['matrix', '-f', 'empty.yaml', '--port', '80']],
    [['who-can-reach', '-f', 'empty.yaml', '1.2.3.4']],
    [['reachable-from', '-f', 'empty.yaml', '1.2.3.4']],
    [['lint', '-f', 'empty.yaml', '--fail-on', 'info']],
    [['validate', '-f', 'empty.yaml']],
    [['diff', 'empty.yaml', 'ns.yaml']],
    [['diff', 'ns.yaml', 'empty.yaml']],
    [['test', 'spec.yaml', '-f', 'empty.yaml']],
  ])('is an error (exit 2) unless --allow-empty: %j', async (argv) => {
    const files = {
      ...EMPTY,
      ...NAMESPACES_ONLY,
      'spec.yaml': '- {from: 1.2.3.4, to: 5.6.7.8, port: 80, expect: allow}\n',
    };
    const result = await reach(argv, files);
    expect(result.code).toBe(2);
    expect(`${result.stdout}${result.stderr}`).toMatch(
      /: no pods or workloads in the input \(pass --allow-empty to accept it\)/,
    );
    const allowed = await reach([...argv, '--allow-empty'], files);
    expect(`${allowed.stdout}${allowed.stderr}`).not.toMatch(/no pods or workloads/);
  });

  it('counts a cluster of namespaces and policies alone as empty', async () => {
    const result = await reach(['validate', '-f', 'ns.yaml', '-o', 'json'], NAMESPACES_ONLY);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).issues).toEqual([
      expect.objectContaining({ severity: 'error', code: 'empty-input', file: 'ns.yaml' }),
    ]);
  });
});
