import { blastRadius, compile, exposure, paths, segments } from '@kube-reach/core';
import { describe, expect, it } from 'vitest';
import { exampleLoader } from '../support/load-example.js';

const loadShop = exampleLoader(new URL('.', import.meta.url));
const engine = async () => compile((await loadShop()).cluster);

/** A hop as `from -port-> to (egress rule policies / ingress rule policies)`. */
const hopText = (h: {
  from: string;
  to: string;
  port: number;
  egress?: { allowedBy: readonly { policy: { name: string } }[] };
  ingress?: { allowedBy: readonly { policy: { name: string } }[] };
}): string => {
  const names = (v?: { allowedBy: readonly { policy: { name: string } }[] }): string =>
    (v?.allowedBy ?? []).map((r) => r.policy.name).join(',');
  return `${h.from} -${h.port}-> ${h.to} (${names(h.egress)} / ${names(h.ingress)})`;
};

describe('examples/shop: lateral movement', () => {
  it('a compromised web reaches the database in 2 hops, through the api', async () => {
    const r = paths(await engine(), 'shop/deployment/web', 'shop/statefulset/db', { k: 3 });
    expect(r.distance).toBe(2);
    expect(r.paths.map((p) => p.hops.map(hopText))).toEqual([
      [
        'shop/deployment/web -8080-> shop/deployment/api (web-egress / api-ingress)',
        'shop/deployment/api -5432-> shop/statefulset/db (api-egress / db-allow-api)',
      ],
    ]);
    const oneHop = paths(await engine(), 'shop/deployment/web', 'shop/statefulset/db', {
      maxHops: 1,
    });
    expect(oneHop).toMatchObject({ distance: null, paths: [] });
  });

  it('the internet reaches the database in 4 hops, through the ingress controller', async () => {
    const r = paths(await engine(), 'external', 'shop/statefulset/db');
    expect(r.distance).toBe(4);
    expect(r.paths[0]?.steps.map((s) => s.name).slice(1)).toEqual([
      'ingress-nginx/deployment/ingress-nginx-controller',
      'shop/deployment/web',
      'shop/deployment/api',
      'shop/statefulset/db',
    ]);
    expect(r.paths[0]?.hops.map((h) => h.port)).toEqual([80, 8080, 8080, 5432]);
  });

  it('blast radius, exposure and segments', async () => {
    const e = await engine();
    const blast = blastRadius(e, 'shop/deployment/web', { maxHops: 1 });
    expect(blast.reached.map((r) => [r.distance, ...r.endpoints])).toEqual([
      [1, 'kube-system/deployment/coredns'],
      [1, 'shop/deployment/api'],
    ]);
    const out = exposure(e, { targets: ['shop/svc/db'] });
    expect(out.targets.map((t) => [t.target, t.distance])).toEqual([['shop/service/db', 4]]);
    expect(out.exposed.map((x) => `${x.distance} ${x.workload}`)).toEqual([
      '1 ingress-nginx/deployment/ingress-nginx-controller',
      '1 kube-system/deployment/coredns',
      '2 shop/deployment/web',
      '3 shop/deployment/api',
      '4 shop/statefulset/db',
    ]);
    // coredns (kube-system has no policy) reaches every pod that listens; every shop pod reaches
    // DNS: one segment, not flat.
    expect(segments(e).segments.map((s) => [s.size, s.flat])).toEqual([[5, false]]);
  });
});
