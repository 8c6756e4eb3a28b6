import { describe, expect, it } from 'vitest';
import { cluster, pod, policy } from '../../test/support/build.js';
import { resolveSemantics } from '../model/index.js';
import { compileCluster } from './compiled-cluster.js';

// Two web pods that resolve the named port `http` differently, one api pod, one unselected pod.
const input = cluster({
  pods: [
    pod('a/web-1', { labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 8080 }] }),
    pod('a/web-2', { labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 9090 }] }),
    pod('a/api', { labels: { app: 'api' }, ports: [{ name: 'http', containerPort: 8080 }] }),
    pod('b/free', { labels: { app: 'web' } }),
  ],
  policies: [
    policy('a/web', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [
        { from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 'http' }] },
      ],
      egress: [{ to: [{ podSelector: {} }], ports: [{ port: 'http' }] }],
      policyTypes: ['Ingress', 'Egress'],
    }),
    policy('a/api', {
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [{ ports: [{ port: 5000, endPort: 5010 }] }],
    }),
  ],
});

describe('direction tables', () => {
  const compiled = compileCluster(input, resolveSemantics());
  const classOf = (name: string): number =>
    compiled.classes.classOf[compiled.podIndex.get(name) ?? -1] ?? -1;
  const groupOf = (direction: 'ingress' | 'egress', name: string): number =>
    compiled[direction].groupOf[classOf(name)] ?? -2;

  it('isolates exactly the classes a policy of the direction selects', () => {
    expect(compiled.ingress.isolated.toArray().sort()).toEqual(
      [classOf('a/web-1'), classOf('a/web-2'), classOf('a/api')].sort(),
    );
    expect(compiled.egress.isolated.toArray().sort()).toEqual(
      [classOf('a/web-1'), classOf('a/web-2')].sort(),
    );
    expect(groupOf('ingress', 'b/free')).toBe(-1);
  });

  it('splits ingress groups by what named ports mean on the selected pod, not egress groups', () => {
    expect(groupOf('ingress', 'a/web-1')).not.toBe(groupOf('ingress', 'a/web-2'));
    expect(groupOf('egress', 'a/web-1')).toBe(groupOf('egress', 'a/web-2'));
    expect(compiled.ingress.groupCount).toBe(3);
  });

  it('allows a group only on the port classes its rules name', () => {
    const g = groupOf('ingress', 'a/web-1');
    const on = (port: number): number =>
      compiled.ingress.setAt(g, compiled.ports.classOf('TCP', port));
    expect(on(8080)).not.toBe(0);
    expect(on(9090)).toBe(0);
    expect(on(5005)).toBe(0);
    const api = groupOf('ingress', 'a/api');
    expect(compiled.ingress.setAt(api, compiled.ports.classOf('TCP', 5005))).not.toBe(0);
    expect(compiled.ingress.setAt(api, compiled.ports.classOf('TCP', 5011))).toBe(0);
    // The api pods may reach web-1 on 8080, as a source column of the allowed set.
    expect(compiled.rows.has(on(8080), classOf('a/api'))).toBe(true);
    expect(compiled.rows.has(on(8080), classOf('b/free'))).toBe(false);
  });

  it('gives the same sets from runs as from the dense table', () => {
    const runs = compileCluster(input, resolveSemantics(), undefined, 0);
    for (const direction of ['ingress', 'egress'] as const) {
      expect(runs[direction].byteLength).toBeLessThan(
        compiled[direction].byteLength + runs[direction].groupCount * 8 + 8,
      );
      for (let g = 0; g < compiled[direction].groupCount; g++) {
        for (let k = 0; k < compiled.ports.count; k++) {
          expect(runs[direction].setAt(g, k)).toBe(compiled[direction].setAt(g, k));
        }
      }
    }
  });
});
