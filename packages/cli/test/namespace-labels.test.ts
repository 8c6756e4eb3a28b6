import { describe, expect, it } from 'vitest';
import { reach } from './support/fixtures.js';

// `helm template` output: pods in `shop` and `ops`, no Namespace objects, and a policy that
// admits only namespaces labelled team=ops.
const HELM = `apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
spec: {containers: [{name: db, image: db, ports: [{containerPort: 5432}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: runner, namespace: ops, labels: {app: runner}}
spec: {containers: [{name: r, image: r}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-ops, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
    - from: [{namespaceSelector: {matchLabels: {team: ops}}}]
`;
const FILES = { 'chart.yaml': HELM };
const NOTE = (ns: string): string =>
  `namespace "${ns}" is not declared in the input: assumed labels {kubernetes.io/metadata.name: ${ns}}; namespaceSelectors see only these (use --namespace-labels ${ns}=KEY=VALUE to add labels)`;
const QUERY = ['query', '-f', 'chart.yaml', 'ops/runner', 'shop/db', '--port', '5432'];

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('namespaces the manifests use but do not declare', () => {
  it.each([
    [QUERY],
    [['matrix', '-f', 'chart.yaml', '--port', '5432']],
    [['who-can-reach', '-f', 'chart.yaml', 'shop/db']],
    [['lint', '-f', 'chart.yaml']],
    [['validate', '-f', 'chart.yaml']],
    [['diff', 'chart.yaml', 'chart.yaml']],
  ])('are named once each on stderr (validate: stdout): %j', async (argv) => {
    const result = await reach(argv, FILES);
    const shown = argv[0] === 'validate' ? result.stdout : result.stderr;
    for (const ns of ['ops', 'shop']) expect(count(shown, NOTE(ns))).toBe(1);
  });

  it('are listed by reach validate -o json with their code', async () => {
    const result = await reach(['validate', '-f', 'chart.yaml', '-o', 'json'], FILES);
    const report = JSON.parse(result.stdout) as {
      valid: boolean;
      issues: { code: string; severity: string; object: { name: string } }[];
    };
    expect(report.valid).toBe(true);
    expect(
      report.issues
        .filter((i) => i.code === 'namespace-not-declared')
        .map((i) => [i.severity, i.object.name]),
    ).toEqual([
      ['warning', 'ops'],
      ['warning', 'shop'],
    ]);
  });

  it('take their labels from --namespace-labels, which changes the answer', async () => {
    expect((await reach(QUERY, FILES)).code).toBe(1);
    const labelled = await reach(
      [...QUERY, '--namespace-labels', 'ops=team=ops,tier=ci', '--namespace-labels', 'shop=a=b'],
      FILES,
    );
    expect(labelled.code).toBe(0);
    expect(labelled.stderr).not.toContain('is not declared');
    const matrixArgv = ['matrix', '-f', 'chart.yaml', '--port', '5432', '-o', 'json'];
    const unlabelled = await reach(matrixArgv, FILES);
    const matrix = await reach([...matrixArgv, '--namespace-labels', 'ops=team=ops'], FILES);
    expect(matrix.code).toBe(0);
    // Rows and columns: ops/runner, shop/db.
    expect(JSON.parse(unlabelled.stdout).allowed).toEqual([
      [true, false],
      [true, true],
    ]);
    expect(JSON.parse(matrix.stdout).allowed).toEqual([
      [true, true],
      [true, true],
    ]);
    expect(matrix.stderr).toContain(NOTE('shop'));
    expect(matrix.stderr).not.toContain(NOTE('ops'));
  });

  it('refuses labels for a namespace the input declares (exit 2)', async () => {
    const files = {
      'chart.yaml': `${HELM}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ops}\n`,
    };
    const result = await reach([...QUERY, '--namespace-labels', 'ops=team=ops'], files);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/namespace "ops", which the input declares/);
  });

  it.each([['ops'], ['ops='], ['=team=ops'], ['ops=team!=ops'], ['ops=team']])(
    '--namespace-labels %s is a usage error',
    async (value) => {
      const result = await reach([...QUERY, '--namespace-labels', value], FILES);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/Expected NAMESPACE=KEY=VALUE/);
    },
  );
});

describe('namespaceLabels in reach test files', () => {
  const EXPECT = `- {from: ops/runner, to: shop/db, port: 5432, expect: allow}\n`;
  const LABELS = `namespaceLabels:\n  ops: {team: ops}\n---\n`;

  it('label the namespaces for that file only', async () => {
    const files = { ...FILES, 'labelled.yaml': LABELS + EXPECT, 'plain.yaml': EXPECT };
    const labelled = await reach(['test', 'labelled.yaml', '-f', 'chart.yaml'], files);
    expect(labelled.code).toBe(0);
    const both = await reach(['test', 'labelled.yaml', 'plain.yaml', '-f', 'chart.yaml'], files);
    expect(both.code).toBe(1);
    expect(both.stdout).toMatch(/1 passed, 1 failed/);
    // Each note once, although two sessions loaded the manifests.
    expect(count(both.stderr, NOTE('shop'))).toBe(1);
  });

  it('work with manifests from standard input, read once', async () => {
    const files = {
      'labelled.yaml': LABELS + EXPECT,
      'plain.yaml': EXPECT.replace('allow', 'deny'),
    };
    const result = await reach(['test', 'labelled.yaml', 'plain.yaml', '-f', '-'], files, {
      stdin: HELM,
    });
    expect(result.stdout).toMatch(/2 passed, 0 failed/);
    expect(result.code).toBe(0);
  });

  it('replace --namespace-labels for the namespaces they name', async () => {
    const files = { ...FILES, 'spec.yaml': `namespaceLabels: {ops: {team: dev}}\n---\n${EXPECT}` };
    const argv = ['test', 'spec.yaml', '-f', 'chart.yaml', '--namespace-labels', 'ops=team=ops'];
    expect((await reach(argv, files)).code).toBe(1);
    expect(
      (await reach(['test', 'plain.yaml', ...argv.slice(2)], { ...files, 'plain.yaml': EXPECT }))
        .code,
    ).toBe(0);
  });

  it.each([
    [
      'namespaceLabels: {ops: {team: 3}}\n---\n',
      'namespaceLabels.ops.team: expected a label value (a string)',
    ],
    [
      'namespaceLabels: [ops]\n---\n',
      'namespaceLabels: expected namespaceLabels: {NAMESPACE: {KEY: VALUE, ...}, ...}',
    ],
    [
      'namespaceLabels: {}\nother: 1\n---\n',
      'other: unknown field; a mapping takes only namespaceLabels',
    ],
  ])('are checked against the schema: %j', async (head, message) => {
    const result = await reach(['test', 'spec.yaml', '-f', 'chart.yaml'], {
      ...FILES,
      'spec.yaml': head + EXPECT,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: spec.yaml: document 1 ${message}`);
  });

  it('alone, without expectations, are an empty file', async () => {
    const result = await reach(['test', 'spec.yaml', '-f', 'chart.yaml'], {
      ...FILES,
      'spec.yaml': 'namespaceLabels: {ops: {team: ops}}\n',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('spec.yaml: no expectations');
  });
});
