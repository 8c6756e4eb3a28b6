// Hand-checked cases of the admin policy tiers (AdminNetworkPolicy, BaselineAdminNetworkPolicy,
// ClusterNetworkPolicy), as a function of an engine factory, so that the reference and the
// compiled engine are held to the same answers. Every expected value was worked out by hand
// from the network-policy-api reference, not produced by running code.

import { describe, expect, it } from 'vitest';
import type { Traffic } from '../../src/model/index.js';
import { loadCluster } from '../../src/parse/index.js';
import { ref } from '../support/build.js';
import type { SpecBuild } from './reachability-spec.js';

const tcp = (port: number): Traffic => ({ port, protocol: 'TCP' });

/** Namespaces shop (team=shop) and ops; shop/web, shop/db, ops/ci, a host-network pod; a Node. */
const BASE = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
apiVersion: v1
kind: Namespace
metadata: {name: ops}
---
apiVersion: v1
kind: Node
metadata: {name: node-1, labels: {role: worker}}
status: {addresses: [{type: InternalIP, address: 10.0.0.5}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: x, ports: [{name: http, containerPort: 8080}]}]}
status: {podIP: 10.1.0.1}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: shop, labels: {app: db}}
spec: {containers: [{name: c, image: x, ports: [{name: pg, containerPort: 5432}]}]}
status: {podIP: 10.1.0.2}
---
apiVersion: v1
kind: Pod
metadata: {name: ci, namespace: ops, labels: {app: ci}}
spec: {containers: [{name: c, image: x}]}
status: {podIP: 10.2.0.1}
---
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: ops, labels: {app: agent}}
spec: {hostNetwork: true, nodeName: node-1, containers: [{name: c, image: x}]}
status: {podIP: 10.0.0.5}
`;

function cnp(name: string, tier: 'Admin' | 'Baseline', priority: number, spec: string): string {
  return `---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: ${name}}
spec: {tier: ${tier}, priority: ${priority}, ${spec}}
`;
}

const DB = 'subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}}';
const FROM_OPS = 'from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: ops}}}]';
const NP_DB_FROM_WEB = `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
`;

/**
 * Registers the hand-checked admin tier cases against the engine that `build` makes.
 *
 * @param name - shown in the describe() title
 * @param build - makes an engine for a cluster and semantics options
 */
export function adminSpec(name: string, build: SpecBuild): void {
  const load = (yaml: string) => build(loadCluster(BASE + yaml));
  const web = ref('shop/web');
  const db = ref('shop/db');
  const ci = ref('ops/ci');

  describe(`${name}: admin policy tiers`, () => {
    it('an Admin Deny beats a NetworkPolicy that allows', () => {
      const e = load(
        cnp('guard', 'Admin', 1, `${DB}, ingress: [{action: Deny, from: [{namespaces: {}}]}]`) +
          NP_DB_FROM_WEB,
      );
      expect(e.canReach(web, db, tcp(5432))).toBe(false);
    });

    it('an Admin Accept beats a NetworkPolicy that denies', () => {
      const e = load(
        cnp('open', 'Admin', 1, `${DB}, ingress: [{action: Accept, ${FROM_OPS}}]`) + NP_DB_FROM_WEB,
      );
      expect(e.canReach(ci, db, tcp(5432))).toBe(true);
    });

    it('a Pass hands over to the NetworkPolicy, which then decides', () => {
      const e = load(
        cnp(
          'delegate',
          'Admin',
          1,
          `${DB}, ingress: [{action: Pass, from: [{namespaces: {}}]}, {action: Accept, from: [{namespaces: {}}]}]`,
        ) + NP_DB_FROM_WEB,
      );
      expect(e.canReach(web, db, tcp(5432))).toBe(true);
      // The Accept after the Pass is never reached: the NetworkPolicy denies ops/ci.
      expect(e.canReach(ci, db, tcp(5432))).toBe(false);
    });

    it('lower priority numbers go first, whatever the API version; ties go by name', () => {
      const first = cnp('z-first', 'Admin', 1, `${DB}, ingress: [{action: Accept, ${FROM_OPS}}]`);
      const second = cnp('a-second', 'Admin', 2, `${DB}, ingress: [{action: Deny, ${FROM_OPS}}]`);
      expect(load(first + second).canReach(ci, db, tcp(5432))).toBe(true);
      const tieA = cnp('a', 'Admin', 3, `${DB}, ingress: [{action: Deny, ${FROM_OPS}}]`);
      const tieB = cnp('b', 'Admin', 3, `${DB}, ingress: [{action: Accept, ${FROM_OPS}}]`);
      expect(load(tieB + tieA).canReach(ci, db, tcp(5432))).toBe(false);
    });

    it('the Baseline tier decides only for pods no NetworkPolicy isolates', () => {
      const baseline = cnp(
        'base',
        'Baseline',
        1,
        `subject: {namespaces: {}}, ingress: [{action: Deny, from: [{namespaces: {}}]}]`,
      );
      const e = load(baseline);
      expect(e.canReach(web, db, tcp(5432))).toBe(false);
      expect(e.canReach(ci, web, tcp(8080))).toBe(false);
      const withNp = load(baseline + NP_DB_FROM_WEB);
      expect(withNp.canReach(web, db, tcp(5432))).toBe(true);
      expect(withNp.canReach(ci, web, tcp(8080))).toBe(false);
    });

    it('a rule decides only the ports it names; the rest goes on', () => {
      const e = load(
        cnp(
          'ports',
          'Admin',
          1,
          `${DB}, ingress: [{action: Deny, ${FROM_OPS}, protocols: [{tcp: {destinationPort: {range: {start: 5000, end: 5500}}}}]}]`,
        ) + NP_DB_FROM_WEB,
      );
      expect(e.canReach(ci, db, tcp(5432))).toBe(false);
      expect(e.connections(web, db)).toBe('all');
    });

    it('ingress named ports resolve on the subject pod', () => {
      const e = load(
        cnp(
          'named',
          'Admin',
          1,
          `${DB}, ingress: [{action: Deny, ${FROM_OPS}, protocols: [{destinationNamedPort: pg}]}]`,
        ),
      );
      expect(e.canReach(ci, db, tcp(5432))).toBe(false);
      expect(e.canReach(ci, db, tcp(5433))).toBe(true);
    });

    it('egress named ports resolve on the destination pod', () => {
      const e = load(
        cnp(
          'named',
          'Admin',
          1,
          `subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: ops}}}, egress: [{action: Deny, to: [{namespaces: {}}], protocols: [{destinationNamedPort: http}]}]`,
        ),
      );
      expect(e.canReach(ci, web, tcp(8080))).toBe(false);
      expect(e.canReach(ci, db, tcp(8080))).toBe(true);
    });

    it('networks match pod IPs and outside addresses; nodes match Node addresses', () => {
      const e = load(
        cnp(
          'egress',
          'Admin',
          1,
          `subject: {namespaces: {matchLabels: {team: shop}}}, egress: [{action: Deny, to: [{networks: [10.2.0.0/16, 192.0.2.0/24]}]}, {action: Deny, to: [{nodes: {matchLabels: {role: worker}}}]}]`,
        ),
      );
      expect(e.canReach(web, ci, tcp(80))).toBe(false);
      expect(e.canReach(web, { address: '192.0.2.7' }, tcp(80))).toBe(false);
      expect(e.canReach(web, { address: '198.51.100.1' }, tcp(80))).toBe(true);
      expect(e.canReach(web, { address: '10.0.0.5' }, tcp(10250))).toBe(false);
      expect(e.canReach(web, ref('ops/agent'), tcp(10250))).toBe(false);
    });

    it('host-network pods are never subjects nor namespace peers', () => {
      const e = load(
        cnp(
          'all',
          'Admin',
          1,
          'subject: {namespaces: {}}, ingress: [{action: Deny, from: [{namespaces: {}}]}], egress: [{action: Deny, to: [{namespaces: {}}]}]',
        ),
      );
      expect(e.canReach(ref('ops/agent'), { address: '198.51.100.1' }, tcp(80))).toBe(true);
      // agent is not a namespaces peer of web's ingress Deny, nor web one of its egress.
      expect(e.canReach(ref('ops/agent'), web, tcp(8080))).toBe(true);
      expect(e.canReach(web, db, tcp(5432))).toBe(false);
    });
  });
}
