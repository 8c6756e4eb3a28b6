import { readFile } from 'node:fs/promises';
import { formatPodRef } from '@kube-reach/core';
import { referenceCanReach } from '@kube-reach/core/reference';
import { describe, expect, it } from 'vitest';
import {
  claimCommand,
  claimLine,
  claimTitle,
  parseEndpoint,
  readmeQueryLines,
} from '../support/claims.js';
import { exampleLoader } from '../support/load-example.js';
import { runReach } from '../support/run-reach.js';
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

  for (const claim of seedClaims) {
    it(claimTitle(claim), async () => {
      const { cluster } = await loadSeed();
      const traffic = { port: claim.port, protocol: claim.protocol ?? 'TCP' };
      const from = parseEndpoint(claim.from);
      const to = parseEndpoint(claim.to);
      expect(referenceCanReach(cluster, from, to, traffic), claim.because).toBe(claim.allowed);
    });
  }

  describe('the README commands, run through the reach CLI', () => {
    for (const claim of seedClaims) {
      const command = claimCommand(SEED_DIR, claim);
      it(`${command} exits ${claim.allowed ? 0 : 1}`, async () => {
        const run = await runReach(command);
        expect(run.code, `${run.stdout}${run.stderr}`).toBe(claim.allowed ? 0 : 1);
      });
    }
  });

  it('README shows exactly these claims, in order, with their verdicts', async () => {
    const readme = await readFile(new URL('README.md', import.meta.url), 'utf8');
    expect(readmeQueryLines(readme, SEED_DIR)).toEqual(
      seedClaims.map((claim) => claimLine(SEED_DIR, claim)),
    );
  });
});
