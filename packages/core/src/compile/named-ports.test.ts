import { describe, expect, it } from 'vitest';
import { pod, policy } from '../../test/support/build.js';
import { Bitset } from '../bitset/index.js';
import {
  collectNamedPorts,
  namedDestinations,
  namedPortResolution,
  namedPortTargets,
  resolveOnPod,
} from './named-ports.js';
import { normalizePolicy } from './policy-ir.js';
import { buildPortClasses } from './port-classes.js';

const policies = [
  policy('a/p', {
    ingress: [{ ports: [{ port: 'http' }, { port: 80 }] }, { ports: [{ port: 443 }] }],
    egress: [{ ports: [{ protocol: 'UDP', port: 'dns' }] }],
    policyTypes: ['Ingress', 'Egress'],
  }),
].map(normalizePolicy);

const reps = [
  pod('a/web', {
    ports: [
      { name: 'http', containerPort: 8080 },
      { name: 'admin', containerPort: 9 },
    ],
  }),
  pod('a/alt', { ports: [{ name: 'http', containerPort: 8081 }] }),
  pod('a/dns', { ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] }),
  pod('a/host', { ports: [{ name: 'http', containerPort: 7000 }], hostNetwork: true }),
];
const nodeTraffic = Bitset.fromIndices(4, [3]);

describe('named ports', () => {
  it('collects the names rules use and the rules using them', () => {
    const named = collectNamedPorts(policies);
    expect([...named.used].sort()).toEqual(['TCP/http', 'UDP/dns']);
    const [first, second] = policies[0]?.ingress ?? [];
    expect(named.entriesOf.get(first as NonNullable<typeof first>)?.map((e) => e.name)).toEqual([
      'http',
    ]);
    expect(named.entriesOf.has(second as NonNullable<typeof second>)).toBe(false);
  });

  it('lists the ports used names resolve to, except on node traffic', () => {
    const targets = namedPortTargets(reps, nodeTraffic, collectNamedPorts(policies).used);
    expect(targets.get('TCP')).toEqual([8080, 8081]);
    expect(targets.get('UDP')).toEqual([53]);
  });

  it('resolves names per destination class and on the selected pod', () => {
    const { used } = collectNamedPorts(policies);
    const ports = buildPortClasses({
      ranges: new Map([
        [
          'TCP',
          [
            [80, 80],
            [443, 443],
          ],
        ],
      ]),
      namedTargets: namedPortTargets(reps, nodeTraffic, used),
    });
    const byName = namedDestinations(reps, nodeTraffic, used, ports);
    const http = byName.get('TCP/http');
    expect(http?.get(ports.classOf('TCP', 8080))?.toArray()).toEqual([0]);
    expect(http?.get(ports.classOf('TCP', 8081))?.toArray()).toEqual([1]);
    expect(http?.has(ports.classOf('TCP', 7000))).toBe(false);
    expect(byName.get('UDP/dns')?.get(ports.classOf('UDP', 53))?.toArray()).toEqual([2]);

    const mask = new Bitset(ports.count);
    resolveOnPod(
      [{ kind: 'named', protocol: 'TCP', name: 'http' }],
      reps[1] as (typeof reps)[1],
      ports,
      mask,
    );
    expect(mask.toArray()).toEqual([ports.classOf('TCP', 8081)]);
  });

  it('spells what used names mean on a pod, ignoring unused names', () => {
    const { used } = collectNamedPorts(policies);
    expect(namedPortResolution(reps[0] as (typeof reps)[0], used)).toBe('TCP/http=8080');
    expect(namedPortResolution(reps[2] as (typeof reps)[2], used)).toBe('UDP/dns=53');
  });
});
