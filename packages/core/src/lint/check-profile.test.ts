import { describe, expect, it } from 'vitest';
import { loadCluster } from '../parse/index.js';
import { lint } from './lint.js';

const YAML = `
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: shop, labels: {app: a}}
spec: {containers: [{name: c}]}
status: {podIP: 10.244.1.2}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {}
  ingress:
    - from: [{ipBlock: {cidr: 10.244.0.0/16}}]
      ports: [{port: 5432, endPort: 5433}]
`;

const unsupported = (cni?: string) =>
  lint(loadCluster(YAML), cni === undefined ? {} : { semantics: { cni } }).filter(
    (f) => f.code === 'plugin-unsupported-feature',
  );

describe('lint plugin-unsupported-feature', () => {
  it('reports nothing under spec', () => {
    expect(unsupported()).toEqual([]);
  });

  it('reports endPort under azure-npm, with the source', () => {
    const [finding, ...rest] = unsupported('azure-npm');
    expect(rest).toEqual([]);
    expect(finding?.path).toBe('spec.ingress[0].ports[0].endPort');
    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toMatch(/^under azure-npm: ignored: only port 5432 is enforced/);
    expect(finding?.hint).toMatch(/source: learn\.microsoft\.com/);
  });

  it('reports an ipBlock over pod IPs under cilium, and endPort under cilium@1.15 too', () => {
    expect(unsupported('cilium').map((f) => f.path)).toEqual([
      'spec.ingress[0].from[0].ipBlock.cidr',
    ]);
    expect(
      unsupported('cilium@1.15')
        .map((f) => f.path)
        .sort(),
    ).toEqual(['spec.ingress[0].from[0].ipBlock.cidr', 'spec.ingress[0].ports[0].endPort']);
  });

  it('reports every policy under flannel, which enforces none', () => {
    expect(unsupported('flannel').map((f) => f.message)).toEqual([
      'under flannel: not enforced at all',
    ]);
  });
});
