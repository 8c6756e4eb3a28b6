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
import { SHOP_DIR, shopClaims } from './claims.js';

const loadShop = exampleLoader(new URL('.', import.meta.url));

describe('examples/shop', () => {
  it('loads with no errors and no warnings', async () => {
    const { issues } = await loadShop();
    expect(issues).toEqual([]);
  });

  it('has the pods and policies the README describes', async () => {
    const { cluster } = await loadShop();
    expect(cluster.pods.map(formatPodRef)).toEqual([
      'ingress-nginx/deployment/ingress-nginx-controller',
      'ingress-nginx/job/ingress-nginx-admission-create',
      'kube-system/deployment/coredns',
      'monitoring/deployment/prometheus',
      'shop/deployment/api',
      'shop/deployment/web',
      'shop/statefulset/db',
    ]);
    expect(cluster.policies.map(formatPodRef)).toEqual([
      'monitoring/allow-dns',
      'monitoring/default-deny',
      'monitoring/prometheus-scrape',
      'shop/allow-dns',
      'shop/api-egress',
      'shop/api-ingress',
      'shop/db-allow-api',
      'shop/default-deny',
      'shop/web-allow-ingress-controller',
      'shop/web-egress',
    ]);
  });

  it('routes the db Service to the pg port of the db pods', async () => {
    const { cluster } = await loadShop();
    const service = cluster.services.find((s) => s.namespace === 'shop' && s.name === 'db');
    expect(service?.ports).toEqual([{ name: 'pg', port: 5432, targetPort: 'pg', protocol: 'TCP' }]);
    const db = cluster.pods.find((p) => p.namespace === 'shop' && p.name === 'statefulset/db');
    expect(db?.ports).toEqual([{ name: 'pg', containerPort: 5432, protocol: 'TCP' }]);
  });

  for (const claim of shopClaims) {
    it(claimTitle(claim), async () => {
      const { cluster } = await loadShop();
      const traffic = { port: claim.port, protocol: claim.protocol ?? 'TCP' };
      const from = parseEndpoint(claim.from);
      const to = parseEndpoint(claim.to);
      expect(referenceCanReach(cluster, from, to, traffic), claim.because).toBe(claim.allowed);
    });
  }

  describe('the README commands, run through the reach CLI', () => {
    for (const claim of shopClaims) {
      const command = claimCommand(SHOP_DIR, claim);
      it(`${command} exits ${claim.allowed ? 0 : 1}`, async () => {
        const run = await runReach(command);
        expect(run.code, `${run.stdout}${run.stderr}`).toBe(claim.allowed ? 0 : 1);
      });
    }
  });

  it('README shows exactly these claims, in order, with their verdicts', async () => {
    const readme = await readFile(new URL('README.md', import.meta.url), 'utf8');
    expect(readmeQueryLines(readme, SHOP_DIR)).toEqual(
      shopClaims.map((claim) => claimLine(SHOP_DIR, claim)),
    );
  });
});
