import { formatPodRef } from '@kube-reach/core';
import { describe, expect, it } from 'vitest';
import { claimsSpec } from '../support/claims-spec.js';
import { exampleLoader } from '../support/load-example.js';
import { SEED_DIR, seedClaims } from './claims.js';

const loadSeed = exampleLoader(new URL('.', import.meta.url));

describe('examples/seed', () => {
  it('loads with no errors and no warnings', async () => {
    const { issues } = await loadSeed();
    expect(issues).toEqual([]);
  });

  it('holds exactly the two seed policies', async () => {
    const { cluster } = await loadSeed();
    expect(cluster.policies.map(formatPodRef)).toEqual([
      'dev/deny-all',
      'production/restrict-access',
    ]);
    const [denyAll, restrictAccess] = cluster.policies;
    expect(denyAll?.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(denyAll?.ingress).toEqual([]);
    expect(denyAll?.egress).toEqual([]);
    expect(restrictAccess?.policyTypes).toEqual(['Ingress']);
    expect(restrictAccess?.ingress).toHaveLength(1);
    expect(restrictAccess?.ingress[0]?.ports).toEqual([{ protocol: 'TCP', port: 80 }]);
  });

  it('has the namespaces and pods the README describes', async () => {
    const { cluster } = await loadSeed();
    const devops = cluster.namespaces.filter((ns) => ns.labels.get('team') === 'devops');
    expect(devops.map((ns) => ns.name)).toEqual(['ops']);
    expect(cluster.pods.map(formatPodRef)).toEqual([
      'dev/debug',
      'dev/deployment/web',
      'kube-system/deployment/coredns',
      'ops/ci-runner',
      'ops/deployment/monitoring',
      'production/deployment/api',
      'production/deployment/web',
      'staging/deployment/web',
    ]);
  });

  claimsSpec(SEED_DIR, seedClaims, loadSeed, new URL('README.md', import.meta.url));
});
