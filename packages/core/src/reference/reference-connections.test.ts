import { describe, expect, it } from 'vitest';
import type { IngressRuleInput, PodInput, PortInput } from '../../test/support/build.js';
import { addr, cluster, ns, pod, policy, ref } from '../../test/support/build.js';
import { ReachError } from '../errors.js';
import { referenceCanReach, referenceConnections, referenceIsolated } from './index.js';

const tcp = (port: number) => ({ port, protocol: 'TCP' as const });
const udp = (port: number) => ({ port, protocol: 'UDP' as const });
const sctp = (port: number) => ({ port, protocol: 'SCTP' as const });

const a = ref('ns1/a');
const b = ref('ns1/b');
const c = ref('ns2/c');
const outside = addr('203.0.113.7');

/** ns1/a (app=a), ns1/b (app=b), ns2/c (app=c); ns1 has team=x, ns2 team=y. */
function world(...policies: ReturnType<typeof policy>[]) {
  return cluster({
    namespaces: [ns('ns1', { team: 'x' }), ns('ns2', { team: 'y' })],
    pods: [
      pod('ns1/a', { labels: { app: 'a' }, ips: ['10.0.1.1'] }),
      pod('ns1/b', { labels: { app: 'b' }, ips: ['10.0.1.2'] }),
      pod('ns2/c', { labels: { app: 'c' }, ips: ['10.0.2.1'] }),
    ],
    policies,
  });
}

const denyIngressTo = (app: string) =>
  policy(`ns1/deny-${app}`, { podSelector: { matchLabels: { app } }, policyTypes: ['Ingress'] });

describe('isolation', () => {
  it('a pod no policy selects is not isolated and allows everything both ways', () => {
    const cl = world();
    expect(referenceConnections(cl, a, b)).toBe('all');
    expect(referenceIsolated(cl, a, 'ingress')).toBe(false);
    expect(referenceIsolated(cl, a, 'egress')).toBe(false);
  });

  it('a policy isolates only the pods its podSelector selects', () => {
    const cl = world(denyIngressTo('b'));
    expect(referenceIsolated(cl, b, 'ingress')).toBe(true);
    expect(referenceIsolated(cl, a, 'ingress')).toBe(false);
    expect(referenceConnections(cl, a, b)).toEqual({});
    expect(referenceConnections(cl, b, a)).toBe('all');
  });

  it('an empty podSelector selects every pod of the policy namespace and none elsewhere', () => {
    const cl = world(policy('ns1/deny', { podSelector: {}, policyTypes: ['Ingress'] }));
    expect(referenceIsolated(cl, a, 'ingress')).toBe(true);
    expect(referenceIsolated(cl, b, 'ingress')).toBe(true);
    expect(referenceIsolated(cl, c, 'ingress')).toBe(false);
    expect(referenceConnections(cl, a, c)).toBe('all');
  });

  it('a policy isolates only in the directions of its policyTypes; rules of other directions are ignored', () => {
    const cl = world(
      policy('ns1/egress-only', {
        podSelector: { matchLabels: { app: 'a' } },
        policyTypes: ['Egress'],
        ingress: [{ ports: [{ port: 1 }] }],
        egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }],
      }),
    );
    expect(referenceIsolated(cl, a, 'egress')).toBe(true);
    expect(referenceIsolated(cl, a, 'ingress')).toBe(false);
    expect(referenceConnections(cl, b, a)).toBe('all');
    expect(referenceConnections(cl, a, b)).toEqual({ UDP: [[53, 53]] });
  });

  it('a policy with a direction in policyTypes and no rules for it denies that direction', () => {
    const cl = world(policy('ns1/deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }));
    expect(referenceConnections(cl, a, c)).toEqual({});
    expect(referenceConnections(cl, c, a)).toEqual({});
    expect(referenceConnections(cl, a, outside)).toEqual({});
    expect(referenceConnections(cl, outside, a)).toEqual({});
  });
});

describe('combining', () => {
  it('the allowed set is the union over every policy and rule selecting the pod', () => {
    const cl = world(
      policy('ns1/p1', {
        podSelector: { matchLabels: { app: 'b' } },
        ingress: [{ ports: [{ port: 80 }] }],
      }),
      policy('ns1/p2', {
        podSelector: {},
        ingress: [{ ports: [{ port: 443 }] }, { ports: [{ port: 53, protocol: 'UDP' }] }],
      }),
    );
    expect(referenceConnections(cl, a, b)).toEqual({
      TCP: [
        [80, 80],
        [443, 443],
      ],
      UDP: [[53, 53]],
    });
  });

  it('a connection needs egress allowed at the source and ingress allowed at the destination', () => {
    const cl = world(
      policy('ns1/a-out', {
        podSelector: { matchLabels: { app: 'a' } },
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 80, endPort: 90 }] }],
      }),
      policy('ns1/b-in', {
        podSelector: { matchLabels: { app: 'b' } },
        ingress: [{ ports: [{ port: 85, endPort: 100 }] }],
      }),
    );
    expect(referenceConnections(cl, a, b)).toEqual({ TCP: [[85, 90]] });
    expect(referenceCanReach(cl, a, b, tcp(84))).toBe(false);
    expect(referenceCanReach(cl, a, b, tcp(85))).toBe(true);
    expect(referenceCanReach(cl, a, b, tcp(91))).toBe(false);
  });
});

describe('peers', () => {
  const ingressFrom = (...from: IngressRuleInput[]) =>
    world(policy('ns1/b-in', { podSelector: { matchLabels: { app: 'b' } }, ingress: from }));

  it('an absent from admits every peer, addresses outside the cluster included', () => {
    const cl = ingressFrom({ ports: [{ port: 80 }] });
    for (const from of [a, c, outside]) expect(referenceCanReach(cl, from, b, tcp(80))).toBe(true);
  });

  it('an empty from admits every peer, addresses outside the cluster included', () => {
    const cl = ingressFrom({ from: [], ports: [{ port: 80 }] });
    for (const from of [a, c, outside]) expect(referenceCanReach(cl, from, b, tcp(80))).toBe(true);
  });

  it('an absent or empty egress to admits every destination, addresses included', () => {
    for (const to of [undefined, []]) {
      const cl = world(
        policy('ns1/a-out', {
          podSelector: { matchLabels: { app: 'a' } },
          policyTypes: ['Egress'],
          egress: [{ ...(to === undefined ? {} : { to }), ports: [{ port: 80 }] }],
        }),
      );
      for (const dest of [b, c, outside])
        expect(referenceCanReach(cl, a, dest, tcp(80))).toBe(true);
    }
  });

  it('podSelector alone means pods of the policy own namespace', () => {
    const cl = ingressFrom({ from: [{ podSelector: {} }] });
    expect(referenceConnections(cl, a, b)).toBe('all');
    expect(referenceConnections(cl, c, b)).toEqual({});
    expect(referenceConnections(cl, outside, b)).toEqual({});
  });

  it('namespaceSelector alone means every pod of the matching namespaces', () => {
    const cl = ingressFrom({ from: [{ namespaceSelector: { matchLabels: { team: 'y' } } }] });
    expect(referenceConnections(cl, c, b)).toBe('all');
    expect(referenceConnections(cl, a, b)).toEqual({});
  });

  it('namespaceSelector {} means every pod of every namespace, but no address', () => {
    const cl = ingressFrom({ from: [{ namespaceSelector: {} }] });
    expect(referenceConnections(cl, a, b)).toBe('all');
    expect(referenceConnections(cl, c, b)).toBe('all');
    expect(referenceConnections(cl, outside, b)).toEqual({});
  });

  it('namespaceSelector matches the kubernetes.io/metadata.name label every namespace carries', () => {
    const cl = ingressFrom({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ns2' } } }],
    });
    expect(referenceConnections(cl, c, b)).toBe('all');
    expect(referenceConnections(cl, a, b)).toEqual({});
  });

  it('namespaceSelector and podSelector in one peer are ANDed', () => {
    const cl = ingressFrom({
      from: [
        {
          namespaceSelector: { matchLabels: { team: 'y' } },
          podSelector: { matchLabels: { app: 'a' } },
        },
      ],
    });
    expect(referenceConnections(cl, c, b)).toEqual({});
    expect(referenceConnections(cl, a, b)).toEqual({});
  });

  it('namespaceSelector and podSelector in two peers are ORed', () => {
    const cl = ingressFrom({
      from: [
        { namespaceSelector: { matchLabels: { team: 'y' } } },
        { podSelector: { matchLabels: { app: 'a' } } },
      ],
    });
    expect(referenceConnections(cl, c, b)).toBe('all');
    expect(referenceConnections(cl, a, b)).toBe('all');
  });

  it('matchExpressions In, NotIn, Exists and DoesNotExist select pods as the API defines', () => {
    const cl = cluster({
      pods: [
        pod('n/target', { labels: { role: 'db' } }),
        pod('n/tier-web', { labels: { tier: 'web' } }),
        pod('n/tier-api', { labels: { tier: 'api' } }),
        pod('n/no-tier', { labels: {} }),
      ],
      policies: [
        policy('n/in', {
          podSelector: { matchLabels: { role: 'db' } },
          ingress: [
            {
              from: [
                {
                  podSelector: {
                    matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }],
                  },
                },
              ],
              ports: [{ port: 1 }],
            },
          ],
        }),
        policy('n/notin', {
          podSelector: { matchLabels: { role: 'db' } },
          ingress: [
            {
              from: [
                {
                  podSelector: {
                    matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }],
                  },
                },
              ],
              ports: [{ port: 2 }],
            },
          ],
        }),
        policy('n/exists', {
          podSelector: { matchLabels: { role: 'db' } },
          ingress: [
            {
              from: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] } }],
              ports: [{ port: 3 }],
            },
          ],
        }),
        policy('n/dne', {
          podSelector: { matchLabels: { role: 'db' } },
          ingress: [
            {
              from: [
                { podSelector: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] } },
              ],
              ports: [{ port: 4 }],
            },
          ],
        }),
      ],
    });
    const target = ref('n/target');
    const ports = (from: string) => referenceConnections(cl, ref(from), target);
    expect(ports('n/tier-web')).toEqual({
      TCP: [
        [1, 1],
        [3, 3],
      ],
    });
    expect(ports('n/tier-api')).toEqual({ TCP: [[2, 3]] });
    // NotIn and DoesNotExist match a pod that lacks the key altogether.
    expect(ports('n/no-tier')).toEqual({
      TCP: [
        [2, 2],
        [4, 4],
      ],
    });
  });
});

describe('ipBlock', () => {
  const fromBlock = (
    ipBlock: { cidr: string; except?: string[] },
    ...more: { podSelector: object }[]
  ) =>
    world(
      policy('ns1/b-in', {
        podSelector: { matchLabels: { app: 'b' } },
        ingress: [{ from: [{ ipBlock }, ...more], ports: [{ port: 80 }] }],
      }),
    );

  it('matches addresses in cidr and not in except', () => {
    const cl = fromBlock({ cidr: '203.0.113.0/24', except: ['203.0.113.0/28'] });
    expect(referenceCanReach(cl, addr('203.0.113.200'), b, tcp(80))).toBe(true);
    expect(referenceCanReach(cl, addr('203.0.113.7'), b, tcp(80))).toBe(false);
    expect(referenceCanReach(cl, addr('198.51.100.1'), b, tcp(80))).toBe(false);
  });

  it('except narrows its own peer only: another peer can still admit the excepted address', () => {
    const cl = world(
      policy('ns1/b-in', {
        podSelector: { matchLabels: { app: 'b' } },
        ingress: [
          {
            from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.1.0/24'] } }],
            ports: [{ port: 80 }],
          },
          { from: [{ ipBlock: { cidr: '10.0.1.0/24' } }], ports: [{ port: 443 }] },
        ],
      }),
    );
    expect(referenceConnections(cl, addr('10.0.1.9'), b)).toEqual({ TCP: [[443, 443]] });
    expect(referenceConnections(cl, addr('10.9.0.1'), b)).toEqual({ TCP: [[80, 80]] });
  });

  it('matches a pod by any of its IPs by default (ipBlockMatchesPods true)', () => {
    const cl = cluster({
      pods: [
        pod('n/dual', { ips: ['fd00::5', '10.0.1.1'] }),
        pod('n/target', { labels: { app: 't' } }),
      ],
      policies: [
        policy('n/in', {
          podSelector: { matchLabels: { app: 't' } },
          ingress: [{ from: [{ ipBlock: { cidr: '10.0.1.0/24' } }] }],
        }),
      ],
    });
    expect(referenceConnections(cl, ref('n/dual'), ref('n/target'))).toBe('all');
  });

  it('never matches a pod when ipBlockMatchesPods is false', () => {
    const cl = fromBlock({ cidr: '10.0.0.0/8' });
    expect(referenceConnections(cl, a, b, { ipBlockMatchesPods: false })).toEqual({});
    expect(referenceConnections(cl, a, b)).toEqual({ TCP: [[80, 80]] });
    expect(referenceConnections(cl, addr('10.1.1.1'), b, { ipBlockMatchesPods: false })).toEqual({
      TCP: [[80, 80]],
    });
  });

  it('never matches a pod with no known IP', () => {
    const cl = cluster({
      pods: [pod('n/no-ip'), pod('n/target', { labels: { app: 't' } })],
      policies: [
        policy('n/in', {
          podSelector: { matchLabels: { app: 't' } },
          ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }] }],
        }),
      ],
    });
    expect(referenceConnections(cl, ref('n/no-ip'), ref('n/target'))).toEqual({});
  });

  it('an except of the pod IP keeps the pod out of the block', () => {
    const cl = fromBlock({ cidr: '10.0.0.0/8', except: ['10.0.1.1/32'] });
    expect(referenceConnections(cl, a, b)).toEqual({});
  });

  it('IPv4 blocks match no IPv6 address and the other way round', () => {
    const cl = fromBlock({ cidr: '0.0.0.0/0' });
    expect(referenceCanReach(cl, addr('2001:db8::1'), b, tcp(80))).toBe(false);
    const cl6 = fromBlock({ cidr: '2001:db8::/32', except: ['2001:db8:ff::/48'] });
    expect(referenceCanReach(cl6, addr('2001:db8::1'), b, tcp(80))).toBe(true);
    expect(referenceCanReach(cl6, addr('2001:db8:ff::1'), b, tcp(80))).toBe(false);
    expect(referenceCanReach(cl6, addr('203.0.113.7'), b, tcp(80))).toBe(false);
  });

  it('pod and namespace selectors never match an address, even one that is a pod IP', () => {
    const cl = world(
      policy('ns1/b-in', {
        podSelector: { matchLabels: { app: 'b' } },
        ingress: [{ from: [{ namespaceSelector: {}, podSelector: {} }] }],
      }),
    );
    expect(referenceConnections(cl, addr('10.0.1.1'), b)).toEqual({});
    expect(referenceConnections(cl, a, b)).toBe('all');
  });

  it('egress ipBlocks apply to the destination address', () => {
    const cl = world(
      policy('ns1/a-out', {
        podSelector: { matchLabels: { app: 'a' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ port: 443 }] }],
      }),
    );
    expect(referenceConnections(cl, a, addr('203.0.113.9'))).toEqual({ TCP: [[443, 443]] });
    expect(referenceConnections(cl, a, addr('198.51.100.9'))).toEqual({});
  });
});

describe('ports', () => {
  const ingressPorts = (ports: NonNullable<PodInput['ports']>, rulePorts: PortInput[]) =>
    cluster({
      pods: [pod('n/src'), pod('n/dst', { labels: { app: 'dst' }, ports })],
      policies: [
        policy('n/in', {
          podSelector: { matchLabels: { app: 'dst' } },
          ingress: [{ ports: rulePorts }],
        }),
      ],
    });
  const src = ref('n/src');
  const dst = ref('n/dst');

  it('absent ports admit every port and protocol', () => {
    const cl = world(
      policy('ns1/b-in', {
        podSelector: { matchLabels: { app: 'b' } },
        ingress: [{ from: [{ podSelector: {} }] }],
      }),
    );
    expect(referenceConnections(cl, a, b)).toBe('all');
  });

  it('empty ports admit every port and protocol', () => {
    const cl = ingressPorts([], []);
    expect(referenceConnections(cl, src, dst)).toBe('all');
  });

  it('a port entry with only protocol admits every port of that protocol', () => {
    const cl = ingressPorts([], [{ protocol: 'UDP' }]);
    expect(referenceConnections(cl, src, dst)).toEqual({ UDP: [[1, 65535]] });
    expect(referenceCanReach(cl, src, dst, udp(65535))).toBe(true);
    expect(referenceCanReach(cl, src, dst, tcp(80))).toBe(false);
  });

  it('three protocol-only entries are written as all', () => {
    const cl = ingressPorts([], [{ protocol: 'UDP' }, { protocol: 'TCP' }, { protocol: 'SCTP' }]);
    expect(referenceConnections(cl, src, dst)).toBe('all');
  });

  it('a numeric port admits that port of its protocol; protocol defaults to TCP', () => {
    const cl = ingressPorts([], [{ port: 80 }, { port: 9000, protocol: 'SCTP' }]);
    expect(referenceConnections(cl, src, dst)).toEqual({ TCP: [[80, 80]], SCTP: [[9000, 9000]] });
    expect(referenceCanReach(cl, src, dst, { port: 80 })).toBe(true);
    expect(referenceCanReach(cl, src, dst, sctp(9000))).toBe(true);
    expect(referenceCanReach(cl, src, dst, udp(80))).toBe(false);
  });

  it('endPort is inclusive', () => {
    const cl = ingressPorts([], [{ port: 32000, endPort: 32768 }]);
    expect(referenceConnections(cl, src, dst)).toEqual({ TCP: [[32000, 32768]] });
    expect(referenceCanReach(cl, src, dst, tcp(31999))).toBe(false);
    expect(referenceCanReach(cl, src, dst, tcp(32768))).toBe(true);
    expect(referenceCanReach(cl, src, dst, tcp(32769))).toBe(false);
  });

  it('a named port resolves on the destination container port with that name and protocol', () => {
    const cl = ingressPorts(
      [
        { name: 'http', containerPort: 8080 },
        { name: 'dns', containerPort: 5353, protocol: 'UDP' },
      ],
      [{ port: 'http' }, { port: 'dns', protocol: 'UDP' }, { port: 'dns' }],
    );
    // `dns` with the default protocol TCP does not match the UDP container port.
    expect(
      referenceConnections(
        ingressPorts([{ name: 'dns', containerPort: 5353, protocol: 'UDP' }], [{ port: 'dns' }]),
        src,
        dst,
      ),
    ).toEqual({});
    expect(referenceConnections(cl, src, dst)).toEqual({
      TCP: [[8080, 8080]],
      UDP: [[5353, 5353]],
    });
  });

  it('a named port that no container declares opens nothing', () => {
    const cl = ingressPorts([{ name: 'http', containerPort: 8080 }], [{ port: 'metrics' }]);
    expect(referenceConnections(cl, src, dst)).toEqual({});
  });

  it('every container port that shares the name counts', () => {
    const cl = ingressPorts(
      [
        { name: 'web', containerPort: 8080 },
        { name: 'web', containerPort: 9090 },
      ],
      [{ port: 'web' }],
    );
    expect(referenceConnections(cl, src, dst)).toEqual({
      TCP: [
        [8080, 8080],
        [9090, 9090],
      ],
    });
  });

  it('in an ingress rule a named port resolves on the selected pod, whatever the source', () => {
    const cl = cluster({
      pods: [
        pod('n/src', { ports: [{ name: 'http', containerPort: 1111 }] }),
        pod('n/dst', { labels: { app: 'dst' }, ports: [{ name: 'http', containerPort: 8080 }] }),
      ],
      policies: [
        policy('n/in', {
          podSelector: { matchLabels: { app: 'dst' } },
          ingress: [{ ports: [{ port: 'http' }] }],
        }),
      ],
    });
    expect(referenceConnections(cl, src, dst)).toEqual({ TCP: [[8080, 8080]] });
    expect(referenceConnections(cl, addr('203.0.113.1'), dst)).toEqual({ TCP: [[8080, 8080]] });
  });

  it('in an egress rule a named port resolves on the peer (destination) pod', () => {
    const cl = cluster({
      pods: [
        pod('n/src', { labels: { app: 'src' }, ports: [{ name: 'http', containerPort: 1111 }] }),
        pod('n/d1', { ports: [{ name: 'http', containerPort: 8080 }] }),
        pod('n/d2', { ports: [{ name: 'http', containerPort: 9090 }] }),
      ],
      policies: [
        policy('n/out', {
          podSelector: { matchLabels: { app: 'src' } },
          policyTypes: ['Egress'],
          egress: [{ ports: [{ port: 'http' }] }],
        }),
      ],
    });
    expect(referenceConnections(cl, src, ref('n/d1'))).toEqual({ TCP: [[8080, 8080]] });
    expect(referenceConnections(cl, src, ref('n/d2'))).toEqual({ TCP: [[9090, 9090]] });
  });

  it('a named port never matches an address outside the cluster as destination', () => {
    const cl = cluster({
      pods: [
        pod('n/src', { labels: { app: 'src' }, ports: [{ name: 'http', containerPort: 80 }] }),
      ],
      policies: [
        policy('n/out', {
          podSelector: { matchLabels: { app: 'src' } },
          policyTypes: ['Egress'],
          egress: [
            { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 'http' }, { port: 443 }] },
          ],
        }),
      ],
    });
    expect(referenceConnections(cl, src, addr('203.0.113.1'))).toEqual({ TCP: [[443, 443]] });
  });
});

describe('special pairs', () => {
  it('traffic from a pod to itself is always allowed', () => {
    const cl = world(policy('ns1/deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }));
    expect(referenceConnections(cl, a, a)).toBe('all');
    expect(referenceCanReach(cl, a, a, sctp(7))).toBe(true);
    expect(referenceConnections(cl, a, b)).toEqual({});
  });

  it('traffic between two addresses is not filtered by anything in the cluster', () => {
    const cl = world(policy('ns1/deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }));
    expect(referenceConnections(cl, addr('10.0.1.1'), addr('198.51.100.1'))).toBe('all');
  });

  it('an address has no policies of its own: only the pod side filters', () => {
    const cl = world(
      policy('ns1/a-out', {
        podSelector: { matchLabels: { app: 'a' } },
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 80 }] }],
      }),
    );
    expect(referenceConnections(cl, a, outside)).toEqual({ TCP: [[80, 80]] });
    expect(referenceConnections(cl, outside, a)).toBe('all');
  });

  describe('hostNetwork pods (left to the plugin)', () => {
    const cl = cluster({
      pods: [
        pod('n/host', { labels: { app: 'h' }, hostNetwork: true, ips: ['192.168.1.10'] }),
        pod('n/other', { labels: { app: 'o' } }),
      ],
      policies: [
        policy('n/deny', { podSelector: { matchLabels: { app: 'h' } } }),
        policy('n/only-nodes', {
          podSelector: { matchLabels: { app: 'o' } },
          ingress: [
            { from: [{ podSelector: {} }], ports: [{ port: 80 }] },
            { from: [{ ipBlock: { cidr: '192.168.1.0/24' } }], ports: [{ port: 10250 }] },
          ],
        }),
      ],
    });

    it("with 'pods', they are selected and isolated like any other pod", () => {
      const pods = { hostNetworkPods: 'pods' as const, ipBlockMatchesPods: false };
      expect(referenceConnections(cl, ref('n/other'), ref('n/host'), pods)).toEqual({});
      expect(referenceIsolated(cl, ref('n/host'), 'ingress', pods)).toBe(true);
      expect(referenceConnections(cl, ref('n/host'), ref('n/other'), pods)).toEqual({
        TCP: [[80, 80]],
      });
    });

    it("with 'node' (the default), no policy selects them and ipBlocks match their node IP", () => {
      expect(referenceConnections(cl, ref('n/other'), ref('n/host'))).toBe('all');
      expect(referenceIsolated(cl, ref('n/host'), 'ingress')).toBe(false);
      // podSelector {} no longer matches it; the ipBlock on the node range does, even with
      // ipBlockMatchesPods false (a node IP is not a pod IP).
      const node = { hostNetworkPods: 'node' as const, ipBlockMatchesPods: false };
      expect(referenceConnections(cl, ref('n/host'), ref('n/other'), node)).toEqual({
        TCP: [[10250, 10250]],
      });
    });
  });
});

describe('errors', () => {
  const cl = world();
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (error) {
      return error instanceof ReachError ? error.code : 'not a ReachError';
    }
    return 'no error';
  };

  it('an unknown pod throws unknown-pod', () => {
    expect(code(() => referenceConnections(cl, ref('ns1/nope'), a))).toBe('unknown-pod');
    expect(code(() => referenceCanReach(cl, a, ref('nope/a'), tcp(1)))).toBe('unknown-pod');
    expect(code(() => referenceIsolated(cl, ref('ns1/nope'), 'ingress'))).toBe('unknown-pod');
  });

  it('an address that is not an IP throws invalid-endpoint', () => {
    for (const bad of ['example.com', '10.0.0.256', '10.0.0.1/32', '01.2.3.4', '1::2::3', '']) {
      expect(code(() => referenceConnections(cl, addr(bad), a))).toBe('invalid-endpoint');
    }
  });

  it('a port outside 1-65535 or an unknown protocol throws invalid-traffic', () => {
    for (const traffic of [tcp(0), tcp(65536), tcp(1.5), { port: 80, protocol: 'ICMP' as never }]) {
      expect(code(() => referenceCanReach(cl, a, b, traffic))).toBe('invalid-traffic');
    }
  });

  it('a policy with a bad CIDR throws invalid-cluster', () => {
    const bad = world(
      policy('ns1/b-in', {
        podSelector: {},
        ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }],
      }),
    );
    expect(code(() => referenceConnections(bad, outside, b))).toBe('invalid-cluster');
  });
});
