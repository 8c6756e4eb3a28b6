import { describe, expect, it } from 'vitest';
import { loadCluster } from '../parse/index.js';
import { compareProfiles } from './compare-profiles.js';

const YAML = `
apiVersion: v1
kind: Pod
metadata: {name: backup, namespace: shop, labels: {tier: backup}}
spec: {containers: [{name: c}]}
status: {podIP: 10.244.1.20}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {tier: db}}
spec: {containers: [{name: c}]}
status: {podIP: 10.244.1.21}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {tier: db}}
  ingress:
    - from: [{podSelector: {matchLabels: {tier: backup}}}]
      ports: [{port: 5432, endPort: 5433}]
`;

describe('compareProfiles', () => {
  it('lists only the pairs that differ, with the knob behind each', () => {
    const c = compareProfiles(loadCluster(YAML), ['spec', 'cilium', 'azure-npm'], 'pod');
    expect(c.profiles).toEqual(['spec', 'cilium', 'azure-npm']);
    expect(c.differences).toEqual([
      {
        from: 'shop/backup',
        to: 'shop/db',
        connections: {
          spec: { TCP: [[5432, 5433]] },
          cilium: { TCP: [[5432, 5433]] },
          'azure-npm': { TCP: [[5432, 5432]] },
        },
        knobs: { 'azure-npm': ['endPort'] },
      },
    ]);
  });

  it('finds no difference between a profile and itself', () => {
    expect(
      compareProfiles(loadCluster(YAML), ['calico', 'calico@3.31'], 'pod').differences,
    ).toEqual([]);
  });
});
