import { describe, expect, it } from 'vitest';
import { cluster, ns, pod, policy } from '../../test/support/build.js';
import { compileCluster } from '../compile/compiled-cluster.js';
import type { Cluster, Endpoint } from '../model/index.js';
import { resolveSemantics } from '../model/index.js';
import { compile } from './engine.js';
import type { PeerColumn } from './peer-batch.js';
import { peerPortMasks } from './peer-batch.js';
import { pairwisePeerConnections } from './peer-connections.js';

// Wider than the property tests' clusters: 40 pod classes and ~100 IP atoms, so rows span
// several words and bit 31 of a word is used, on both the eager and the lazy rows.
function wide(): Cluster {
  const pods = [];
  for (let i = 0; i < 40; i++) {
    pods.push(
      pod(`ns${i % 2}/p${i}`, {
        labels: { app: `a${i % 10}`, tier: i % 3 === 0 ? 'edge' : 'core' },
        ips: [`10.0.0.${i + 1}`],
        ports: [{ name: 'http', containerPort: 8000 + (i % 3) }],
      }),
    );
  }
  const policies = [];
  for (let p = 0; p < 12; p++) {
    const ranges = [0, 1, 2, 3].map((r) => ({
      ipBlock: {
        cidr: `203.0.${p * 4 + r}.0/24`,
        except: [`203.0.${p * 4 + r}.${16 * (r + 1)}/28`, `203.0.${p * 4 + r}.${128 + r}/32`],
      },
    }));
    policies.push(
      policy(`ns${p % 2}/p${p}`, {
        podSelector: { matchLabels: { app: `a${p % 10}` } },
        policyTypes: p % 3 === 0 ? ['Ingress'] : ['Ingress', 'Egress'],
        ingress: [
          { from: ranges.slice(0, 2), ports: [{ port: 'http' }] },
          { from: [{ podSelector: { matchLabels: { tier: 'edge' } } }] },
        ],
        egress: [
          { to: ranges.slice(1), ports: [{ protocol: 'TCP', port: 443 }] },
          { to: [{ ipBlock: { cidr: '10.0.0.0/27', except: ['10.0.0.8/29'] } }] },
        ],
      }),
    );
  }
  return cluster({ namespaces: [ns('ns0'), ns('ns1')], pods, policies });
}

describe('peerPortMasks', () => {
  const input = wide();
  const engine = compile(input);
  const endpoints: Endpoint[] = [
    ...engine.pods,
    ...engine.addressRanges().map((r) => ({ address: r.first })),
  ];

  it('spans several words of pod classes and IP atoms', () => {
    expect(engine.stats.podClasses).toBeGreaterThan(32);
    expect(engine.stats.ipAtoms).toBeGreaterThan(64);
  });

  for (const direction of ['to', 'from'] as const) {
    for (const combine of ['all', 'any'] as const) {
      it(`answers as pair by pair (${direction}, ${combine}) for pods, addresses and both`, () => {
        const addresses = endpoints.filter((e) => 'address' in e);
        // Each address alone too: a set then admits the one subject column, wherever its bit is.
        const subjects = [
          endpoints.slice(0, 7),
          addresses,
          endpoints.filter((_, i) => i % 5 === 0),
          ...addresses.map((a) => [a]),
        ];
        for (const subject of subjects) {
          expect(engine.peerConnections(subject, endpoints, direction, combine)).toEqual(
            pairwisePeerConnections(engine, subject, endpoints, direction, combine),
          );
        }
      });
    }
  }

  it('gives the same masks on rows built eagerly and on rows computed on demand', () => {
    const options = resolveSemantics();
    const eager = compileCluster(input, options, Number.POSITIVE_INFINITY);
    const lazy = compileCluster(input, options, 0);
    expect(lazy.rows.lazy).toBe(true);
    const C = eager.classes.count;
    const columns: PeerColumn[] = [
      ...Array.from({ length: C }, (_, c) => ({ kind: 'pod' as const, column: c })),
      ...Array.from({ length: eager.ipAtoms.count }, (_, a) => ({
        kind: 'address' as const,
        column: C + a,
      })),
    ];
    for (const direction of ['to', 'from'] as const) {
      for (const combine of ['all', 'any'] as const) {
        for (const subject of [
          columns.slice(0, 5),
          columns.slice(C),
          columns.filter((_, i) => i % 3 === 0),
        ]) {
          const question = { direction, combine };
          expect(peerPortMasks(lazy, subject, columns, question)).toEqual(
            peerPortMasks(eager, subject, columns, question),
          );
        }
      }
    }
  });
});
