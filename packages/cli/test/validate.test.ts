import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { POLICIES_YAML, reach, SEED_FILES, SEED_YAML } from './support/fixtures.js';

const BAD_POLICY = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: broken, namespace: production}
spec:
  podSelector: {}
  ingress:
    - ports:
        - {protocol: TCP, port: 80, endPort: 20}
`;

const INVALID_FILES = {
  ...SEED_FILES,
  'seed/policies.yaml': `${POLICIES_YAML}\n---\n${BAD_POLICY}`,
};

describe('reach validate', () => {
  it('exits 0 and prints a summary for valid manifests', async () => {
    const result = await reach(['validate', '-f', 'seed']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      '15 objects in 3 files: 0 errors, 0 warnings (5 Namespace, 2 Pod, 6 Deployment, 2 NetworkPolicy)\n',
    );
  });

  it('exits 2 and prints every diagnostic on stdout, one line each, with its field path', async () => {
    const result = await reach(['validate', '-f', 'seed'], INVALID_FILES);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    const issueLine = lines.find((line) => line.includes('spec.ingress[0].ports[0].endPort'));
    expect(issueLine).toBeDefined();
    expect(issueLine).toContain('seed/policies.yaml');
    expect(issueLine).toContain('broken');
    expect(lines.at(-1)).toMatch(/^3 files: 1 error, \d+ warnings?$/);
    expect(result.stdout).not.toMatch(/\n\s+at /);
  });

  it('prints a ValidationReport with -o json', async () => {
    const result = await reach(['validate', '-f', 'seed', '-o', 'json'], INVALID_FILES);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(['apiVersion', 'kind', 'valid', 'issues', 'summary']);
    expect(report).toMatchObject({
      apiVersion: 'kube-reach/v1alpha1',
      kind: 'ValidationReport',
      valid: false,
      summary: { files: 3, objects: null, errors: 1 },
    });
    const error = report.issues.find((i: { severity: string }) => i.severity === 'error');
    expect(error).toMatchObject({
      file: 'seed/policies.yaml',
      doc: 2,
      object: { kind: 'NetworkPolicy', namespace: 'production', name: 'broken' },
      path: 'spec.ingress[0].ports[0].endPort',
    });
    expect(Object.keys(error)).toEqual([
      'severity',
      'code',
      'file',
      'doc',
      'item',
      'object',
      'path',
      'line',
      'message',
    ]);
  });

  it('reports valid manifests with -o yaml, counting objects per kind', async () => {
    const result = await reach(['validate', '-f', 'seed', '-o', 'yaml']);
    expect(result.code).toBe(0);
    expect(load(result.stdout)).toEqual({
      apiVersion: 'kube-reach/v1alpha1',
      kind: 'ValidationReport',
      valid: true,
      issues: [],
      summary: {
        files: 3,
        objects: 15,
        errors: 0,
        warnings: 0,
        kinds: { Namespace: 5, Pod: 2, Deployment: 6, NetworkPolicy: 2 },
      },
    });
  });

  it('allows warnings: exit 0, warnings printed', async () => {
    const withWarning = `${SEED_YAML}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: dev}\ndata: {a: b}\n`;
    const result = await reach(['validate', '-f', '-'], {}, { stdin: withWarning });
    const json = await reach(['validate', '-f', '-', '-o', 'json'], {}, { stdin: withWarning });
    const report = JSON.parse(json.stdout);
    expect(report.valid).toBe(true);
    expect(result.code).toBe(0);
    expect(json.code).toBe(0);
    expect(report.summary.errors).toBe(0);
    const warnings = report.issues.filter((i: { severity: string }) => i.severity === 'warning');
    expect(warnings.length).toBe(report.summary.warnings);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(warnings.length + 1);
  });

  it('names stdin <stdin>', async () => {
    const result = await reach(
      ['validate', '-f', '-', '-o', 'json'],
      {},
      { stdin: 'kind: [oops\n' },
    );
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).issues[0]).toMatchObject({
      file: '<stdin>',
      code: 'yaml-syntax',
    });
  });

  it('reads nested directories with -R', async () => {
    const files = {
      'm/ns.yaml': SEED_FILES['seed/namespaces.yaml']!,
      'm/a/b/policies.json': JSON.stringify({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'p', namespace: 'dev' },
        spec: { podSelector: {} },
      }),
    };
    const flat = await reach(['validate', '-f', 'm', '--allow-empty'], files);
    expect(flat.stdout).toBe('5 objects in 1 file: 0 errors, 0 warnings (5 Namespace)\n');
    const recursive = await reach(['validate', '-f', 'm', '--recursive', '--allow-empty'], files);
    expect(recursive.stdout).toBe(
      '6 objects in 2 files: 0 errors, 0 warnings (5 Namespace, 1 NetworkPolicy)\n',
    );
  });

  it('warns about a directory without manifests, hinting at -R', async () => {
    const result = await reach(['validate', '-f', 'm', '--allow-empty'], {
      'm/sub/a.yaml': SEED_YAML,
    });
    expect(result).toEqual({
      code: 0,
      stdout: [
        'warning: m: no .yaml, .yml or .json files in this directory (subdirectories are read only with -R)',
        '0 objects in 0 files: 0 errors, 1 warning',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('reports every unreadable path, and the other files, at once', async () => {
    const result = await reach(['validate', '-f', 'a.yaml', '-f', 'seed', '-f', 'b.yaml']);
    expect(result).toEqual({
      code: 2,
      stdout: [
        'error: a.yaml: cannot read: no such file or directory',
        'error: b.yaml: cannot read: no such file or directory',
        '3 files: 2 errors, 0 warnings',
        '',
      ].join('\n'),
      stderr: '',
    });
  });
});
