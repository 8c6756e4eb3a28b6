import { formatPodRef } from '@kube-reach/core';
import { describe, expect, it } from 'vitest';
import { claimsSpec } from '../support/claims-spec.js';
import { exampleLoader } from '../support/load-example.js';
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

  claimsSpec(SHOP_DIR, shopClaims, loadShop, new URL('README.md', import.meta.url));
});
