import { describe, expect, it } from 'vitest';
import { addr, cluster, ns, pod, policy, ref } from '../../test/support/build.js';
import { ReachError } from '../errors.js';
import { compile } from './engine.js';
import { formatAssumptions, formatExplanation } from './format-explanation.js';

// A small shop: the db accepts only the api tier on 5432 (named port `pg` on the db pod);
// web has default-deny egress except to api on 8080.
const shop = cluster({
  namespaces: [ns('shop'), ns('ingress', { role: 'ingress' })],
  pods: [
    pod('shop/deployment/web', {
      labels: { tier: 'web' },
      ports: [{ name: 'http', containerPort: 8080 }],
    }),
    pod('shop/deployment/api', {
      labels: { tier: 'api' },
      ports: [{ name: 'http', containerPort: 8080 }],
    }),
    pod('shop/statefulset/db', {
      labels: { tier: 'db' },
      ports: [{ name: 'pg', containerPort: 5432 }],
    }),
    pod('ingress/controller', { labels: { app: 'nginx' } }),
  ],
  policies: [
    policy('shop/default-deny', { policyTypes: ['Ingress'] }),
    policy('shop/allow-api', {
      podSelector: { matchLabels: { tier: 'db' } },
      ingress: [
        { from: [{ podSelector: { matchLabels: { tier: 'api' } } }], ports: [{ port: 'pg' }] },
      ],
    }),
    policy('shop/allow-web', {
      podSelector: { matchLabels: { tier: 'api' } },
      ingress: [
        { from: [{ podSelector: { matchLabels: { tier: 'web' } } }], ports: [{ port: 8080 }] },
      ],
    }),
    policy('shop/web-egress', {
      podSelector: { matchLabels: { tier: 'web' } },
      policyTypes: ['Egress'],
      egress: [
        { to: [{ podSelector: { matchLabels: { tier: 'api' } } }], ports: [{ port: 8080 }] },
      ],
    }),
  ],
});
const web = ref('shop/deployment/web');
const api = ref('shop/deployment/api');
const db = ref('shop/statefulset/db');
const nginx = ref('ingress/controller');

describe('compile', () => {
  const engine = compile(shop);

  it('answers point queries through the named port', () => {
    expect(engine.canReach(api, db, { port: 5432 })).toBe(true);
    expect(engine.canReach(web, db, { port: 5432 })).toBe(false);
    expect(engine.canReach(api, db, { port: 5433 })).toBe(false);
  });

  it('lists reachable pods and reachers, each pod reaching itself', () => {
    expect(engine.reachableFrom(web, { port: 8080 })).toEqual([api, web]);
    expect(engine.reachersOf(db, { port: 5432 })).toEqual([api, db]);
    expect(engine.reachersOf(nginx, { port: 80 })).toEqual([nginx, api, db]);
  });

  it('gives connection sets per protocol', () => {
    expect(engine.connections(api, db)).toEqual({ TCP: [[5432, 5432]] });
    expect(engine.connections(web, api)).toEqual({ TCP: [[8080, 8080]] });
    expect(engine.connections(nginx, api)).toEqual({});
    expect(engine.connections(api, nginx)).toBe('all');
  });

  it('builds a pod matrix that agrees with canReach', () => {
    const m = engine.matrix({ port: 8080 });
    m.pods.forEach((from, i) => {
      m.pods.forEach((to, j) => {
        expect(m.allowed(i, j)).toBe(engine.canReach(from, to, { port: 8080 }));
      });
      expect(m.row(i)).toEqual(m.pods.flatMap((_, j) => (m.allowed(i, j) ? [j] : [])));
    });
  });

  it('explains an allowed connection with the rule, peer and port', () => {
    const e = engine.explain(api, db, { port: 5432 });
    expect(e.allowed).toBe(true);
    expect(e.ingress.allowedBy).toEqual([
      {
        policy: { namespace: 'shop', name: 'allow-api' },
        direction: 'ingress',
        ruleIndex: 0,
        peerIndex: 0,
        portIndex: 0,
      },
    ]);
    expect(formatExplanation(e)).toBe(
      'allowed: egress from shop/deployment/api is not isolated; ingress to shop/statefulset/db allowed by shop/allow-api rule 0 (from peer 0, port 5432/TCP)',
    );
    expect(formatAssumptions(e)).toBe('assuming: ipBlockMatchesPods=true, hostNetworkPods=node');
  });

  it('explains a denied connection by naming the isolating policies', () => {
    const e = engine.explain(web, db, { port: 5432 });
    expect(e.allowed).toBe(false);
    expect(formatExplanation(e)).toBe(
      'denied: egress from shop/deployment/web is isolated by shop/web-egress; no rule allows shop/statefulset/db on 5432/TCP; and ingress to shop/statefulset/db is isolated by shop/allow-api, shop/default-deny; no rule allows shop/deployment/web on 5432/TCP',
    );
  });

  it('treats addresses as outside the cluster', () => {
    expect(engine.canReach(addr('8.8.8.8'), db, { port: 5432 })).toBe(false);
    expect(engine.canReach(api, addr('8.8.8.8'), { port: 443 })).toBe(true);
    expect(engine.canReach(web, addr('8.8.8.8'), { port: 443 })).toBe(false);
    expect(formatExplanation(engine.explain(addr('8.8.8.8'), nginx, { port: 80 }))).toContain(
      'egress from 8.8.8.8 is not filtered',
    );
  });

  it('reports isolation and stats', () => {
    expect(engine.isolation(db, 'ingress').map((p) => p.name)).toEqual([
      'allow-api',
      'default-deny',
    ]);
    expect(engine.isolation(db, 'egress')).toEqual([]);
    expect(engine.stats.pods).toBe(4);
    expect(engine.stats.podClasses).toBe(4);
  });

  it('rejects unknown pods, bad ports and bad addresses with ReachError codes', () => {
    expect(() => engine.canReach(ref('shop/nope'), db, { port: 1 })).toThrow(ReachError);
    expect(() => engine.canReach(api, db, { port: 0 })).toThrow(/port must be/);
    expect(() => engine.canReach(addr('nope'), db, { port: 1 })).toThrow(/not an IP address/);
  });
});

describe('pod classes', () => {
  it('share one class between pods no policy can tell apart', () => {
    const c = cluster({
      pods: Array.from({ length: 50 }, (_, i) =>
        pod(`default/web-${i}`, { labels: { app: 'web' } }),
      ),
      policies: [policy('default/p', { podSelector: { matchLabels: { app: 'web' } } })],
    });
    const engine = compile(c);
    expect(engine.stats.podClasses).toBe(1);
    // Isolated with no rule: replicas cannot reach each other, but each reaches itself.
    expect(engine.canReach(ref('default/web-1'), ref('default/web-2'), { port: 80 })).toBe(false);
    expect(engine.canReach(ref('default/web-1'), ref('default/web-1'), { port: 80 })).toBe(true);
  });
});
