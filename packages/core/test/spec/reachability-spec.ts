// Hand-checked reachability cases, as a function of an engine factory, so that the reference
// evaluator and the compiled engine are held to the same answers. Every expected value here was
// worked out by hand from the NetworkPolicy documentation, not produced by running code.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type {
  Cluster,
  ConnectionSet,
  Endpoint,
  SemanticsOptions,
  Traffic,
} from '../../src/model/index.js';
import { loadCluster } from '../../src/parse/index.js';
import { addr, cluster, ns, pod, policy, ref } from '../support/build.js';

/** A cluster from `test/fixtures/<name>.yaml`, through the parser (and its defaulting). */
function fixture(name: string): Cluster {
  const file = new URL(`../fixtures/${name}.yaml`, import.meta.url);
  return loadCluster({ name: `${name}.yaml`, text: readFileSync(file, 'utf8') });
}

/** What the spec needs from an engine. */
export interface SpecEngine {
  canReach(from: Endpoint, to: Endpoint, traffic: Traffic): boolean;
  connections(from: Endpoint, to: Endpoint): ConnectionSet;
}

export type SpecBuild = (cluster: Cluster, options?: Partial<SemanticsOptions>) => SpecEngine;

const tcp = (port: number): Traffic => ({ port, protocol: 'TCP' });
const udp = (port: number): Traffic => ({ port, protocol: 'UDP' });
const sctp = (port: number): Traffic => ({ port, protocol: 'SCTP' });

/** The seed example: production/web only from namespaces labelled team=devops on TCP 80; dev cut off. */
function seedCluster(): Cluster {
  return cluster({
    namespaces: [ns('production'), ns('dev'), ns('ops', { team: 'devops' }), ns('other')],
    pods: [
      pod('production/web', { labels: { app: 'web' } }),
      pod('production/api', { labels: { app: 'api' } }),
      pod('dev/tool', { labels: { app: 'tool' } }),
      pod('ops/client', { labels: { app: 'client' } }),
      pod('other/client', { labels: { app: 'client' } }),
    ],
    policies: [
      policy('production/restrict-access', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ namespaceSelector: { matchLabels: { team: 'devops' } } }],
            ports: [{ protocol: 'TCP', port: 80 }],
          },
        ],
      }),
      policy('dev/deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    ],
  });
}

/**
 * Registers the hand-checked reachability cases against the engine that `build` makes.
 *
 * @param name - shown in the describe() title, e.g. `reference`.
 * @param build - makes an engine for a cluster and semantics options.
 */
export function reachabilitySpec(name: string, build: SpecBuild): void {
  describe(`${name}: reachability spec`, () => {
    describe('seed example', () => {
      const e = build(seedCluster());
      const web = ref('production/web');

      it('pods of namespaces labelled team=devops reach app=web on TCP 80 only', () => {
        expect(e.canReach(ref('ops/client'), web, tcp(80))).toBe(true);
        expect(e.canReach(ref('ops/client'), web, { port: 80 })).toBe(true);
        expect(e.canReach(ref('ops/client'), web, tcp(81))).toBe(false);
        expect(e.canReach(ref('ops/client'), web, udp(80))).toBe(false);
        expect(e.connections(ref('ops/client'), web)).toEqual({ TCP: [[80, 80]] });
      });

      it('nobody else reaches app=web, not even its own namespace or an outside address', () => {
        for (const from of [
          ref('other/client'),
          ref('production/api'),
          ref('dev/tool'),
          addr('198.51.100.1'),
        ]) {
          expect(e.canReach(from, web, tcp(80))).toBe(false);
          expect(e.connections(from, web)).toEqual({});
        }
      });

      it('the policy restricts ingress only: app=web reaches everything outside dev', () => {
        expect(e.connections(web, ref('production/api'))).toBe('all');
        expect(e.connections(web, ref('other/client'))).toBe('all');
        expect(e.connections(web, addr('198.51.100.1'))).toBe('all');
      });

      it('pods that no policy selects accept everything', () => {
        expect(e.connections(ref('other/client'), ref('production/api'))).toBe('all');
        expect(e.connections(addr('198.51.100.1'), ref('ops/client'))).toBe('all');
      });

      it('everything in dev is cut off both ways, addresses included', () => {
        for (const peer of [web, ref('ops/client'), addr('198.51.100.1')]) {
          expect(e.connections(ref('dev/tool'), peer)).toEqual({});
          expect(e.connections(peer, ref('dev/tool'))).toEqual({});
        }
      });
    });

    it('default deny both ways isolates every pod of the namespace, and only there', () => {
      const e = build(
        cluster({
          pods: [pod('a/x'), pod('a/y'), pod('b/z')],
          policies: [policy('a/deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })],
        }),
      );
      expect(e.connections(ref('a/x'), ref('a/y'))).toEqual({});
      expect(e.connections(ref('a/x'), ref('b/z'))).toEqual({});
      expect(e.connections(ref('b/z'), ref('a/y'))).toEqual({});
      expect(e.connections(ref('b/z'), addr('10.0.0.1'))).toBe('all');
    });

    describe('peers', () => {
      const world = (from: Parameters<typeof policy>[1]) =>
        build(
          cluster({
            namespaces: [ns('app'), ns('mon', { purpose: 'monitoring' }), ns('web')],
            pods: [
              pod('app/db', { labels: { role: 'db' } }),
              pod('app/api', { labels: { role: 'api' } }),
              pod('mon/prometheus', { labels: { role: 'api' } }),
              pod('mon/grafana', { labels: { role: 'ui' } }),
              pod('web/front', { labels: { role: 'api' } }),
            ],
            policies: [policy('app/db', { podSelector: { matchLabels: { role: 'db' } }, ...from })],
          }),
        );
      const db = ref('app/db');

      it('namespaceSelector and podSelector in one peer are ANDed', () => {
        const e = world({
          ingress: [
            {
              from: [
                {
                  namespaceSelector: { matchLabels: { purpose: 'monitoring' } },
                  podSelector: { matchLabels: { role: 'api' } },
                },
              ],
            },
          ],
        });
        expect(e.canReach(ref('mon/prometheus'), db, tcp(5432))).toBe(true);
        expect(e.canReach(ref('mon/grafana'), db, tcp(5432))).toBe(false);
        expect(e.canReach(ref('web/front'), db, tcp(5432))).toBe(false);
        expect(e.canReach(ref('app/api'), db, tcp(5432))).toBe(false);
      });

      it('namespaceSelector and podSelector in two peers are ORed (podSelector alone = own namespace)', () => {
        const e = world({
          ingress: [
            {
              from: [
                { namespaceSelector: { matchLabels: { purpose: 'monitoring' } } },
                { podSelector: { matchLabels: { role: 'api' } } },
              ],
            },
          ],
        });
        expect(e.canReach(ref('mon/prometheus'), db, tcp(5432))).toBe(true);
        expect(e.canReach(ref('mon/grafana'), db, tcp(5432))).toBe(true);
        expect(e.canReach(ref('app/api'), db, tcp(5432))).toBe(true);
        // role=api, but in another namespace and that namespace is not monitoring.
        expect(e.canReach(ref('web/front'), db, tcp(5432))).toBe(false);
      });

      it('a cross-namespace namespaceSelector admits every pod of the matching namespaces', () => {
        const e = world({
          ingress: [
            {
              from: [
                { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } } },
              ],
            },
          ],
        });
        expect(e.canReach(ref('web/front'), db, tcp(1))).toBe(true);
        expect(e.canReach(ref('app/api'), db, tcp(1))).toBe(false);
        expect(e.canReach(ref('mon/grafana'), db, tcp(1))).toBe(false);
      });

      it('namespaceSelector {} admits every pod of every namespace but no outside address', () => {
        const e = world({ ingress: [{ from: [{ namespaceSelector: {} }] }] });
        for (const from of ['app/api', 'mon/grafana', 'web/front']) {
          expect(e.connections(ref(from), db)).toBe('all');
        }
        expect(e.connections(addr('198.51.100.1'), db)).toEqual({});
      });

      it('NotIn and DoesNotExist match pods that lack the key', () => {
        const e = build(
          cluster({
            pods: [
              pod('n/target', { labels: { app: 't' } }),
              pod('n/plain', { labels: {} }),
              pod('n/blue', { labels: { color: 'blue' } }),
              pod('n/red', { labels: { color: 'red' } }),
            ],
            policies: [
              policy('n/not-in', {
                podSelector: { matchLabels: { app: 't' } },
                ingress: [
                  {
                    from: [
                      {
                        podSelector: {
                          matchExpressions: [{ key: 'color', operator: 'NotIn', values: ['red'] }],
                        },
                      },
                    ],
                    ports: [{ port: 1 }],
                  },
                  {
                    from: [
                      {
                        podSelector: {
                          matchExpressions: [{ key: 'color', operator: 'DoesNotExist' }],
                        },
                      },
                    ],
                    ports: [{ port: 2 }],
                  },
                ],
              }),
            ],
          }),
        );
        const t = ref('n/target');
        expect(e.connections(ref('n/plain'), t)).toEqual({ TCP: [[1, 2]] });
        expect(e.connections(ref('n/blue'), t)).toEqual({ TCP: [[1, 1]] });
        expect(e.connections(ref('n/red'), t)).toEqual({});
      });
    });

    describe('ipBlock', () => {
      const blockCluster = cluster({
        pods: [
          pod('n/target', { labels: { app: 't' } }),
          pod('n/inside', { ips: ['10.1.0.5'] }),
          pod('n/excepted', { ips: ['10.1.2.5'] }),
          pod('n/no-ip'),
        ],
        policies: [
          policy('n/in', {
            podSelector: { matchLabels: { app: 't' } },
            ingress: [
              {
                from: [{ ipBlock: { cidr: '10.1.0.0/16', except: ['10.1.2.0/24'] } }],
                ports: [{ port: 443 }],
              },
            ],
          }),
        ],
      });
      const t = ref('n/target');

      it('with except, for outside addresses', () => {
        const e = build(blockCluster);
        expect(e.canReach(addr('10.1.0.1'), t, tcp(443))).toBe(true);
        expect(e.canReach(addr('10.1.255.255'), t, tcp(443))).toBe(true);
        expect(e.canReach(addr('10.1.2.0'), t, tcp(443))).toBe(false);
        expect(e.canReach(addr('10.1.2.255'), t, tcp(443))).toBe(false);
        expect(e.canReach(addr('10.2.0.1'), t, tcp(443))).toBe(false);
        expect(e.canReach(addr('10.1.0.1'), t, tcp(80))).toBe(false);
      });

      it('with except, for pods by their IPs (default ipBlockMatchesPods: true)', () => {
        const e = build(blockCluster);
        expect(e.connections(ref('n/inside'), t)).toEqual({ TCP: [[443, 443]] });
        expect(e.connections(ref('n/excepted'), t)).toEqual({});
        expect(e.connections(ref('n/no-ip'), t)).toEqual({});
      });

      it('with ipBlockMatchesPods: false no pod matches, addresses still do', () => {
        const e = build(blockCluster, { ipBlockMatchesPods: false });
        expect(e.connections(ref('n/inside'), t)).toEqual({});
        expect(e.canReach(addr('10.1.0.5'), t, tcp(443))).toBe(true);
      });

      it('egress to an ipBlock with except', () => {
        const e = build(
          cluster({
            pods: [pod('n/src', { labels: { app: 's' } }), pod('n/dst', { ips: ['192.168.0.9'] })],
            policies: [
              policy('n/out', {
                podSelector: { matchLabels: { app: 's' } },
                policyTypes: ['Egress'],
                egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['192.168.0.0/16'] } }] }],
              }),
            ],
          }),
        );
        expect(e.connections(ref('n/src'), addr('8.8.8.8'))).toBe('all');
        expect(e.connections(ref('n/src'), addr('192.168.1.1'))).toEqual({});
        expect(e.connections(ref('n/src'), ref('n/dst'))).toEqual({});
      });
    });

    describe('ports', () => {
      it('a named port maps to each destination pod own number (same name, two pods)', () => {
        const e = build(
          cluster({
            pods: [
              pod('n/client'),
              pod('n/a', {
                labels: { tier: 'be' },
                ports: [{ name: 'http', containerPort: 8080 }],
              }),
              pod('n/b', {
                labels: { tier: 'be' },
                ports: [{ name: 'http', containerPort: 9090 }],
              }),
            ],
            policies: [
              policy('n/be', {
                podSelector: { matchLabels: { tier: 'be' } },
                ingress: [{ ports: [{ port: 'http' }] }],
              }),
            ],
          }),
        );
        expect(e.connections(ref('n/client'), ref('n/a'))).toEqual({ TCP: [[8080, 8080]] });
        expect(e.connections(ref('n/client'), ref('n/b'))).toEqual({ TCP: [[9090, 9090]] });
        expect(e.canReach(ref('n/client'), ref('n/a'), tcp(9090))).toBe(false);
      });

      it('a named port in an egress rule maps on the destination pod, and never to an address', () => {
        const e = build(
          cluster({
            pods: [
              pod('n/client', {
                labels: { app: 'c' },
                ports: [{ name: 'http', containerPort: 1 }],
              }),
              pod('n/a', { ports: [{ name: 'http', containerPort: 8080 }] }),
            ],
            policies: [
              policy('n/out', {
                podSelector: { matchLabels: { app: 'c' } },
                policyTypes: ['Egress'],
                egress: [{ ports: [{ port: 'http' }] }],
              }),
            ],
          }),
        );
        expect(e.connections(ref('n/client'), ref('n/a'))).toEqual({ TCP: [[8080, 8080]] });
        expect(e.connections(ref('n/client'), addr('198.51.100.1'))).toEqual({});
      });

      it('a named port with the wrong protocol matches nothing', () => {
        const e = build(
          cluster({
            pods: [
              pod('n/client'),
              pod('n/dns', {
                labels: { app: 'dns' },
                ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }],
              }),
            ],
            policies: [
              policy('n/dns', {
                podSelector: { matchLabels: { app: 'dns' } },
                ingress: [{ ports: [{ port: 'dns' }, { port: 'dns', protocol: 'SCTP' }] }],
              }),
            ],
          }),
        );
        expect(e.connections(ref('n/client'), ref('n/dns'))).toEqual({});
        expect(e.canReach(ref('n/client'), ref('n/dns'), udp(53))).toBe(false);
        expect(e.canReach(ref('n/client'), ref('n/dns'), tcp(53))).toBe(false);
      });

      const portsCluster = (ports: NonNullable<Parameters<typeof policy>[1]>['ingress']) =>
        build(
          cluster({
            pods: [pod('n/client'), pod('n/server', { labels: { app: 's' } })],
            policies: [
              policy('n/in', {
                podSelector: { matchLabels: { app: 's' } },
                ...(ports ? { ingress: ports } : {}),
              }),
            ],
          }),
        );
      const client = ref('n/client');
      const server = ref('n/server');

      it('endPort ranges are inclusive and merge with single ports', () => {
        const e = portsCluster([
          { ports: [{ port: 8000, endPort: 8010 }, { port: 8011 }, { port: 9000, endPort: 9000 }] },
        ]);
        expect(e.connections(client, server)).toEqual({
          TCP: [
            [8000, 8011],
            [9000, 9000],
          ],
        });
        expect(e.canReach(client, server, tcp(7999))).toBe(false);
        expect(e.canReach(client, server, tcp(8000))).toBe(true);
        expect(e.canReach(client, server, tcp(8010))).toBe(true);
        expect(e.canReach(client, server, tcp(8012))).toBe(false);
      });

      it('a protocol-only port entry admits every port of that protocol', () => {
        const e = portsCluster([{ ports: [{ protocol: 'UDP' }] }]);
        expect(e.connections(client, server)).toEqual({ UDP: [[1, 65535]] });
        expect(e.canReach(client, server, udp(1))).toBe(true);
        expect(e.canReach(client, server, udp(65535))).toBe(true);
        expect(e.canReach(client, server, tcp(1))).toBe(false);
      });

      it('SCTP ports are their own protocol', () => {
        const e = portsCluster([{ ports: [{ protocol: 'SCTP', port: 3868 }] }]);
        expect(e.connections(client, server)).toEqual({ SCTP: [[3868, 3868]] });
        expect(e.canReach(client, server, sctp(3868))).toBe(true);
        expect(e.canReach(client, server, tcp(3868))).toBe(false);
        expect(e.canReach(client, server, udp(3868))).toBe(false);
      });

      it('connection sets: union of rules per protocol, and all when no rule restricts ports', () => {
        const e = portsCluster([
          { ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] },
          { ports: [{ port: 81 }, { port: 443 }] },
        ]);
        expect(e.connections(client, server)).toEqual({
          TCP: [
            [80, 81],
            [443, 443],
          ],
          UDP: [[53, 53]],
        });
        expect(portsCluster([{ ports: [{ port: 80 }] }, {}]).connections(client, server)).toBe(
          'all',
        );
        expect(portsCluster(undefined).connections(client, server)).toEqual({});
      });
    });

    describe('directions', () => {
      const directionCluster = (spec: Parameters<typeof policy>[1]) =>
        build(
          cluster({
            pods: [pod('n/a', { labels: { app: 'a' } }), pod('n/b')],
            policies: [policy('n/p', { podSelector: { matchLabels: { app: 'a' } }, ...spec })],
          }),
        );
      const a = ref('n/a');
      const b = ref('n/b');

      it('an egress-only policy restricts egress and leaves ingress open', () => {
        const e = directionCluster({
          policyTypes: ['Egress'],
          egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }],
        });
        expect(e.connections(a, b)).toEqual({ UDP: [[53, 53]] });
        expect(e.connections(a, addr('8.8.8.8'))).toEqual({ UDP: [[53, 53]] });
        expect(e.connections(b, a)).toBe('all');
      });

      it('policyTypes omitted without egress rules: ingress only (defaulted to [Ingress])', () => {
        const e = directionCluster({ ingress: [{ ports: [{ port: 80 }] }] });
        expect(e.connections(b, a)).toEqual({ TCP: [[80, 80]] });
        expect(e.connections(a, b)).toBe('all');
      });

      it('policyTypes omitted with egress rules: both directions (defaulted to [Ingress, Egress])', () => {
        const e = directionCluster({ egress: [{ ports: [{ port: 443 }] }] });
        expect(e.connections(b, a)).toEqual({});
        expect(e.connections(a, b)).toEqual({ TCP: [[443, 443]] });
      });
    });

    describe('from manifests (parsed, API-server defaults applied)', () => {
      it('the seed example as YAML', () => {
        const e = build(fixture('seed'));
        const web = ref('production/deployment/web');
        expect(e.connections(ref('ops/client'), web)).toEqual({ TCP: [[80, 80]] });
        expect(e.connections(ref('other/client'), web)).toEqual({});
        expect(e.connections(ref('production/api'), web)).toEqual({});
        expect(e.connections(web, ref('production/api'))).toBe('all');
        expect(e.connections(ref('dev/tool'), ref('other/client'))).toEqual({});
        expect(e.connections(ref('other/client'), ref('dev/tool'))).toEqual({});
      });

      it('policyTypes omitted: [Ingress] without egress rules, [Ingress, Egress] with them', () => {
        const e = build(fixture('policy-types-omitted'));
        const [a, b, c] = [ref('n/a'), ref('n/b'), ref('n/c')];
        expect(e.connections(c, a)).toEqual({ TCP: [[80, 80]] });
        expect(e.connections(a, c)).toBe('all');
        expect(e.connections(c, b)).toEqual({});
        expect(e.connections(b, c)).toEqual({ TCP: [[443, 443]] });
        // b may send on TCP 443 only, a accepts TCP 80 only: nothing in common.
        expect(e.connections(b, a)).toEqual({});
      });
    });

    describe('special pairs', () => {
      const denyAll = cluster({
        pods: [
          pod('n/a', { ips: ['10.0.0.1'] }),
          pod('n/b'),
          pod('n/deployment/web', {
            fromTemplate: true,
            owner: { kind: 'Deployment', name: 'web' },
          }),
        ],
        policies: [policy('n/deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })],
      });

      it('traffic from a pod to itself is always allowed', () => {
        const e = build(denyAll);
        expect(e.connections(ref('n/a'), ref('n/a'))).toBe('all');
        expect(e.canReach(ref('n/a'), ref('n/a'), udp(9))).toBe(true);
        expect(e.connections(ref('n/a'), ref('n/b'))).toEqual({});
      });

      it('a template pod to itself is replica to replica: the policies decide', () => {
        const e = build(denyAll);
        const web = ref('n/deployment/web');
        expect(e.connections(web, web)).toEqual({});
        expect(e.canReach(web, web, tcp(80))).toBe(false);
        const open = build(
          cluster({
            pods: [
              pod('n/deployment/web', {
                fromTemplate: true,
                owner: { kind: 'Deployment', name: 'web' },
              }),
            ],
          }),
        );
        expect(open.canReach(web, web, tcp(80))).toBe(true);
      });

      it('hostNetwork pods: policies apply with pods, not with node (the default)', () => {
        const c = cluster({
          pods: [
            pod('n/agent', { labels: { app: 'agent' }, hostNetwork: true, ips: ['192.168.0.5'] }),
            pod('n/api', {
              labels: { app: 'api' },
              ports: [{ name: 'http', containerPort: 8080 }],
            }),
          ],
          policies: [
            policy('n/deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
            policy('n/api', {
              podSelector: { matchLabels: { app: 'api' } },
              ingress: [
                {
                  from: [{ podSelector: { matchLabels: { app: 'agent' } } }],
                  ports: [{ port: 'http' }],
                },
              ],
            }),
          ],
        });
        const agent = ref('n/agent');
        const api = ref('n/api');
        const asPods = build(c, { hostNetworkPods: 'pods' });
        // The agent is selected by deny (egress isolated, no rule): it reaches nothing.
        expect(asPods.canReach(agent, api, tcp(8080))).toBe(false);
        expect(asPods.connections(api, agent)).toEqual({});
        const asNode = build(c, { hostNetworkPods: 'node' });
        // Node traffic: the agent is not isolated, and no podSelector matches it, so api's
        // rule from app=agent does not admit it either.
        expect(asNode.canReach(agent, api, tcp(8080))).toBe(false);
        expect(asNode.connections(api, agent)).toEqual({});
        expect(build(c).connections(agent, addr('8.8.8.8'))).toBe('all');
        expect(asPods.connections(agent, addr('8.8.8.8'))).toEqual({});
      });

      it('traffic between two addresses is not filtered (nothing in the cluster sees it)', () => {
        const e = build(denyAll);
        expect(e.connections(addr('10.0.0.1'), addr('10.0.0.2'))).toBe('all');
      });
    });
  });
}
