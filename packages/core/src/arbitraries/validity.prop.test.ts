// The arbitraries promise objects the API server accepts. Our loader applies the API server's
// validation, so every generated object must load with no error and no warning, and must read
// back the same from YAML as from JSON (see round-trip.prop.test.ts).

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../parse/index.js';
import { loadCluster, parseCluster } from '../parse/index.js';
import {
  cidr,
  cluster,
  clusterToList,
  egressRule,
  ingressRule,
  labelKey,
  labelSelector,
  labels,
  labelValue,
  namespace,
  networkPolicy,
  pod,
  podIn,
  podsIn,
  poolsOf,
  portSpec,
} from './index.js';

const shop = loadCluster(
  readFileSync(new URL('../../test/fixtures/kit-shop.yaml', import.meta.url), 'utf8'),
);

/**
 * Every issue of loading the objects, as `code path: message` lines (so failures read well).
 * Generated clusters leave some namespaces undeclared on purpose, as `helm template` output
 * does: the `namespace-not-declared` note for such a namespace is expected and left out, but a
 * note for a namespace the objects declare is kept (it would be wrong).
 */
function issuesOf(objects: readonly object[]): string[] {
  const result = parseCluster({
    name: 'generated.json',
    text: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }),
  });
  const declared = new Set(
    objects.flatMap((o) => {
      const { kind, metadata } = o as { kind?: string; metadata?: { name?: string } };
      return kind === 'Namespace' && metadata?.name !== undefined ? [metadata.name] : [];
    }),
  );
  return result.issues
    .filter(
      (i) =>
        !(
          i.code === 'namespace-not-declared' &&
          i.object?.name !== undefined &&
          !declared.has(i.object.name)
        ),
    )
    .map((i: Issue) => `${i.code} ${i.path.join('.')}: ${i.message}`);
}

/** A policy in `alpha` with the given spec, to check parts of policies on their own. */
function policyWith(spec: object, name = 'p'): object {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: 'alpha' },
    spec,
  };
}

const shopPools = poolsOf(shop);

describe('every generated object loads with no issue', () => {
  it('namespace()', () => {
    fc.assert(
      fc.property(namespace(), (ns) => {
        expect(issuesOf([ns])).toEqual([]);
      }),
    );
  });

  it('pod()', () => {
    fc.assert(
      fc.property(pod(), (p) => {
        expect(issuesOf([p])).toEqual([]);
      }),
    );
  });

  it('networkPolicy()', () => {
    fc.assert(
      fc.property(networkPolicy(), (p) => {
        expect(issuesOf([p])).toEqual([]);
      }),
    );
  });

  it('ingressRule(), egressRule() and portSpec() inside a policy', () => {
    fc.assert(
      fc.property(
        fc.array(ingressRule(), { maxLength: 2 }),
        fc.array(egressRule(), { maxLength: 2 }),
        fc.array(portSpec(), { maxLength: 3 }),
        (ingress, egress, ports) => {
          const spec = { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress, egress };
          const portsOnly = { podSelector: {}, ingress: [{ ports }] };
          expect(issuesOf([policyWith(spec), policyWith(portsOnly, 'q')])).toEqual([]);
        },
      ),
    );
  });

  it('cluster()', () => {
    fc.assert(
      fc.property(cluster(), (c) => {
        expect(issuesOf(clusterToList(c).items)).toEqual([]);
      }),
    );
  });

  it('cluster() with pools drawn from a parsed cluster', () => {
    fc.assert(
      fc.property(cluster({ pools: shopPools }), (c) => {
        expect(issuesOf(clusterToList(c).items)).toEqual([]);
      }),
    );
  });

  it('cluster({ withIgnoredRules: true }) warns only that ignored rules have no effect', () => {
    let warned = 0;
    fc.assert(
      fc.property(cluster({ withIgnoredRules: true }), (c) => {
        const issues = issuesOf(clusterToList(c).items);
        for (const issue of issues)
          expect(issue).toMatch(/^invalid-value spec\.(in|e)gress: has no effect/);
        if (issues.length > 0) warned++;
      }),
    );
    expect(warned).toBeGreaterThan(0);
  });

  it('labelKey({ pool: false }) and labelValue({ pool: false }) in labels and selectors', () => {
    const keys = labelKey({ pool: false });
    const values = labelValue({ pool: false });
    fc.assert(
      fc.property(
        labels({ keys, values, maxSize: 4 }),
        labelSelector({ keys, values }),
        (podLabels, selector) => {
          const p = {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'p', namespace: 'alpha', labels: podLabels },
          };
          const ns = {
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: { name: 'n', labels: podLabels },
          };
          const policy = policyWith({
            podSelector: selector,
            ingress: [{ from: [{ namespaceSelector: selector }] }],
          });
          expect(issuesOf([p, ns, policy])).toEqual([]);
        },
      ),
    );
  });

  it('cidr() in an ipBlock, IPv4 and IPv6', () => {
    fc.assert(
      fc.property(fc.oneof(cidr(), cidr({ family: 4 }), cidr({ family: 6 })), (block) => {
        const policy = policyWith({
          podSelector: {},
          ingress: [{ from: [{ ipBlock: { cidr: block } }] }],
        });
        expect(issuesOf([policy])).toEqual([]);
      }),
    );
  });

  it('podIn() and podsIn() for a parsed cluster', () => {
    fc.assert(
      fc.property(
        podIn(shop, { namespace: 'shop', labels: { tier: 'web' } }),
        podsIn(shop, { maxLength: 4 }),
        (one, several) => {
          expect(issuesOf([one])).toEqual([]);
          expect(issuesOf(several)).toEqual([]);
          // Names are new in the cluster and distinct.
          const names = [one, ...several].map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
          for (const name of names)
            expect(shop.pods.map((p) => `${p.namespace}/${p.name}`)).not.toContain(name);
          expect(new Set(several.map((p) => p.metadata.name)).size).toBe(several.length);
        },
      ),
    );
  });

  it('podIn() for generated clusters', () => {
    fc.assert(
      fc.property(
        cluster().chain((c) => podIn(c).map((p) => [c, p] as const)),
        ([c, p]) => {
          expect(issuesOf([...clusterToList(c).items, p])).toEqual([]);
          expect(c.pods.map((q) => q.metadata.name)).not.toContain(p.metadata.name);
        },
      ),
    );
  });
});
