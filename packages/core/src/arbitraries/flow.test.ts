import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEndpoint, formatPodRef } from '../model/index.js';
import { loadCluster } from '../parse/index.js';
import { compile } from '../query/index.js';
import { cluster, flow, podIn, poolsOf, traffic, trafficPort, withObjects } from './index.js';

const shop = loadCluster(
  readFileSync(new URL('../../test/fixtures/kit-shop.yaml', import.meta.url), 'utf8'),
);

describe('flow', () => {
  it('draws endpoints the engine knows, for a parsed cluster', () => {
    const engine = compile(shop);
    const pods = new Set(engine.pods.map(formatPodRef));
    const seen = new Set<string>();
    for (const f of fc.sample(flow(shop), { numRuns: 500, seed: 1 })) {
      for (const end of [f.from, f.to]) {
        if (!('address' in end)) expect(pods).toContain(formatPodRef(end));
        seen.add(formatEndpoint(end));
      }
      expect(typeof engine.canReach(f.from, f.to, f)).toBe('boolean');
    }
    // Every pod and the addresses around the ipBlock come up.
    for (const p of pods) expect(seen).toContain(p);
    expect(seen).toContain('203.0.113.128');
  });

  it('draws only pods with withAddresses: false, for generated clusters too', () => {
    fc.assert(
      fc.property(
        cluster().chain((c) => flow(c, { withAddresses: false }).map((f) => [c, f] as const)),
        ([c, f]) => {
          const names = c.pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
          expect(names).toContain(formatEndpoint(f.from));
          expect(names).toContain(formatEndpoint(f.to));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('draws the ports of the cluster most of the time', () => {
    const numbers = poolsOf(shop).portNumbers;
    const ports = fc.sample(trafficPort({ pools: poolsOf(shop) }), { numRuns: 1000, seed: 3 });
    const inPool = ports.filter((p) => numbers.includes(p)).length;
    expect(inPool / ports.length).toBeGreaterThan(0.4);
    for (const t of fc.sample(traffic(), { numRuns: 200, seed: 4 })) {
      expect(t.port).toBeGreaterThanOrEqual(1);
      expect(t.port).toBeLessThanOrEqual(65535);
      expect(['TCP', 'UDP', 'SCTP']).toContain(t.protocol);
    }
  });
});

describe('podIn', () => {
  it('gives a pod in the namespace, with the labels, that the cluster policies select', () => {
    let selectedByDbPolicy = 0;
    for (const p of fc.sample(podIn(shop, { namespace: 'shop', labels: { tier: 'db' } }), {
      numRuns: 100,
      seed: 5,
    })) {
      expect(p.metadata.namespace).toBe('shop');
      expect(p.metadata.labels?.tier).toBe('db');
      const engine = compile(withObjects(shop, [p]));
      const ref = { namespace: 'shop', name: p.metadata.name };
      const isolatedBy = engine.isolation(ref, 'ingress').map((x) => x.name);
      expect(isolatedBy).toContain('default-deny');
      if (isolatedBy.includes('db-allow-api')) selectedByDbPolicy++;
    }
    expect(selectedByDbPolicy).toBe(100);
  });

  it('draws other labels and named ports from the cluster, so rules apply to added pods', () => {
    // api-allow admits tier=web pods to the api on 8080-8090: some added pods must get in.
    let admitted = 0;
    for (const p of fc.sample(podIn(shop, { namespace: 'shop' }), { numRuns: 200, seed: 6 })) {
      const engine = compile(withObjects(shop, [p]));
      const from = { namespace: 'shop', name: p.metadata.name };
      if (engine.canReach(from, { namespace: 'shop', name: 'deployment/api' }, { port: 8080 })) {
        admitted++;
      }
    }
    expect(admitted).toBeGreaterThan(10);
  });
});
