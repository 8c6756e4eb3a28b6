import { describe, expect, it } from 'vitest';
import { parseCluster } from './parse-cluster.js';

const pods = `
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
---
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: shop, labels: { app: api } }
---
apiVersion: v1
kind: Pod
metadata: { name: probe, namespace: ops }
`;

function policy(namespaceSelector: string): string {
  return `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: from-team, namespace: shop }
spec:
  podSelector: {}
  ingress:
    - from:
        - namespaceSelector: ${namespaceSelector}
`;
}

const byTeam = policy('{ matchLabels: { team: ops } }');

function notes(text: string, options = {}): { message: string; name?: string; file: string }[] {
  return parseCluster({ name: 'in.yaml', text }, options)
    .issues.filter((i) => i.code === 'namespace-not-declared')
    .map((i) => ({
      message: i.message,
      file: i.file,
      ...(i.object?.name === undefined ? {} : { name: i.object.name }),
    }));
}

describe('namespaces the input does not declare', () => {
  it('get one note each, naming the labels assumed, when a namespaceSelector tests labels', () => {
    const found = notes(pods + byTeam);
    expect(found.map((n) => n.name)).toEqual(['ops', 'shop']);
    expect(found[0]).toEqual({
      name: 'ops',
      file: 'in.yaml',
      message:
        'namespace "ops" is not declared in the input: assumed labels ' +
        '{kubernetes.io/metadata.name: ops}; namespaceSelectors see only these ' +
        '(use --namespace-labels ops=KEY=VALUE to add labels)',
    });
    const result = parseCluster(pods + byTeam);
    expect(result.ok).toBe(true);
    expect(result.issues.every((i) => i.severity === 'warning')).toBe(true);
  });

  it('get none when no namespaceSelector could see a label beyond the name label', () => {
    expect(notes(pods)).toEqual([]);
    expect(notes(pods + policy('{}'))).toEqual([]);
    expect(notes(pods + policy("{ matchLabels: { 'kubernetes.io/metadata.name': ops } }"))).toEqual(
      [],
    );
    expect(
      notes(pods + policy('{ matchExpressions: [{ key: team, operator: Exists }] }')).length,
    ).toBe(2);
  });

  it('get none when declared, or when labels are given for them', () => {
    const ns =
      '\n---\napiVersion: v1\nkind: Namespace\nmetadata: { name: ops, labels: { team: ops } }\n';
    expect(notes(pods + byTeam + ns).map((n) => n.name)).toEqual(['shop']);
    const labelled = { namespaceLabels: { shop: new Map([['team', 'web']]) } };
    expect(notes(pods + byTeam + ns, labelled)).toEqual([]);
  });
});

describe('the namespaceLabels option', () => {
  it('gives an undeclared namespace its labels, keeping the name label', () => {
    const result = parseCluster(pods + byTeam, {
      namespaceLabels: {
        ops: new Map([
          ['team', 'ops'],
          ['kubernetes.io/metadata.name', 'other'],
        ]),
      },
    });
    if (!result.ok) throw new Error('expected ok');
    const ops = result.cluster.namespaces.find((n) => n.name === 'ops');
    expect(ops?.synthesized).toBe(true);
    expect([...(ops?.labels ?? [])]).toEqual([
      ['team', 'ops'],
      ['kubernetes.io/metadata.name', 'ops'],
    ]);
  });

  it('is an error for a namespace the input declares, and a warning for an unused one', () => {
    const ns = '\n---\napiVersion: v1\nkind: Namespace\nmetadata: { name: ops }\n';
    const declared = parseCluster(
      { name: 'in.yaml', text: pods + ns },
      { namespaceLabels: { ops: new Map([['team', 'ops']]) } },
    );
    expect(declared.ok).toBe(false);
    expect(declared.issues.map((i) => [i.code, i.severity, i.file, i.doc, i.object?.name])).toEqual(
      [['namespace-labels', 'error', 'in.yaml', 3, 'ops']],
    );
    const unused = parseCluster(pods, { namespaceLabels: { nowhere: new Map([['a', 'b']]) } });
    expect(unused.ok).toBe(true);
    expect(unused.issues.map((i) => [i.code, i.severity])).toEqual([
      ['namespace-labels', 'warning'],
    ]);
  });
});
