import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { reach } from './support/fixtures.js';

const NAMED_PORT_TYPO = {
  'app.yaml': `
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: c, image: x, ports: [{name: metrics, containerPort: 9090}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: scrape, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{ports: [{port: metric}]}]
`,
};

describe('reach lint', () => {
  it('reports the seed’s pitfalls and exits 0: nothing reaches the default --fail-on error', async () => {
    const result = await reach(['lint', '-f', 'seed']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SEVERITY +CODE +OBJECT +PATH +MESSAGE$/);
    expect(lines[1]).toMatch(/^warning +dns-egress-blocked +Namespace dev +2\/2 egress-isolated/);
    expect(lines.at(-1)).toBe(
      '10 findings: 0 errors, 2 warnings, 8 info (hints: -o md or -o json)',
    );
  });

  it('exits 1 when a finding reaches --fail-on', async () => {
    expect((await reach(['lint', '-f', 'seed', '--fail-on', 'warning'])).code).toBe(1);
    expect((await reach(['lint', '-f', 'seed', '--fail-on', 'info'])).code).toBe(1);
    const typo = await reach(['lint', '-f', 'app.yaml'], NAMED_PORT_TYPO);
    expect(typo.code).toBe(1);
    expect(typo.stdout).toMatch(/error +named-port-unresolved +NetworkPolicy shop\/scrape/);
  });

  it('leaves out disabled codes, repeated or comma-separated', async () => {
    const result = await reach([
      'lint',
      '-f',
      'seed',
      '--disable',
      'namespace-without-default-deny,pod-not-isolated',
      '--disable',
      'dns-egress-blocked',
      '--fail-on',
      'info',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('no findings\n');
  });

  it('rejects an unknown code, suggesting the close ones', async () => {
    const result = await reach(['lint', '-f', 'seed', '--disable', 'dns']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Did you mean dns-egress-blocked?');
  });

  it('prints the LintReport contract in JSON and YAML', async () => {
    const json = await reach(['lint', '-f', 'seed', '-o', 'json']);
    const doc = JSON.parse(json.stdout);
    expect(Object.keys(doc)).toEqual(['apiVersion', 'kind', 'findings', 'summary']);
    expect(doc).toMatchObject({ apiVersion: 'kube-reach/v1alpha1', kind: 'LintReport' });
    expect(doc.summary).toEqual({ errors: 0, warnings: 2, info: 8 });
    expect(doc.findings[0]).toEqual({
      code: 'dns-egress-blocked',
      severity: 'warning',
      object: { kind: 'Namespace', name: 'dev' },
      path: '',
      message: expect.stringContaining('cannot reach DNS'),
      hint: expect.stringContaining('kube-dns'),
      source: { file: 'seed/namespaces.yaml', doc: 1 },
    });
    const yaml = await reach(['lint', '-f', 'seed', '-o', 'yaml']);
    expect(load(yaml.stdout)).toEqual(doc);
  });

  it('writes a Markdown report with hints, ready for a pull-request comment', async () => {
    const md = await reach(['lint', '-f', 'app.yaml', '-o', 'md'], NAMED_PORT_TYPO);
    const lines = md.stdout.split('\n');
    expect(lines[0]).toBe('**reach lint**: 4 findings: 1 error, 2 warnings, 1 info');
    expect(lines[3]).toBe('|---|---|---|---|---|---|');
    expect(md.stdout).toContain(
      '| error | `named-port-unresolved` | NetworkPolicy shop/scrape | `spec.ingress[0].ports[0].port` |',
    );
  });

  it('answers invalid manifests with exit code 2', async () => {
    const result = await reach(['lint', '-f', 'bad.yaml'], { 'bad.yaml': 'kind: [' });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toBe('');
  });

  it('is listed in the program help', async () => {
    const help = await reach(['--help']);
    expect(help.stdout).toMatch(/lint \[options\] +find the NetworkPolicy pitfalls/);
    expect(help.stdout).toMatch(/diff \[options\] \[PATH\.\.\.\] +compare who can reach whom/);
  });
});
