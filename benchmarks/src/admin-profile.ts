// The `admin` profile: `typical`, plus the cluster-wide admin policies of issue 11 on top of it:
// 50 AdminNetworkPolicies (v1alpha1), the BaselineAdminNetworkPolicy `default`, and 20
// ClusterNetworkPolicies (v1alpha2), ten in each tier, with Accept, Deny and Pass rules,
// namespace and pod peers, networks over the pod CIDR and outside, nodes peers and named ports.

import type { Profile, ProfileInput } from './profiles.js';

const NAME_LABEL = 'kubernetes.io/metadata.name';
const TEAMS = 20;

type Raw = Record<string, unknown>;

function v1Ports(rng: ProfileInput['rng']): Raw[] | undefined {
  if (rng.chance(0.25)) return undefined;
  return rng.pick<Raw[]>([
    [{ portNumber: { protocol: 'TCP', port: rng.pick([5432, 6379, 8080, 9090]) } }],
    [{ portRange: { protocol: 'TCP', start: 8000, end: 8010 } }],
    [{ namedPort: rng.pick(['http', 'metrics', 'db']) }],
  ]);
}

function v2Ports(rng: ProfileInput['rng']): Raw[] | undefined {
  if (rng.chance(0.25)) return undefined;
  return rng.pick<Raw[]>([
    [{ tcp: { destinationPort: { number: rng.pick([5432, 6379, 8080, 9090]) } } }],
    [{ udp: { destinationPort: { number: 53 } } }],
    [{ destinationNamedPort: rng.pick(['http', 'grpc', 'cache']) }],
  ]);
}

function teamSelector(rng: ProfileInput['rng']): Raw {
  return rng.pick<Raw>([
    { matchLabels: { team: `t${rng.between(0, TEAMS - 1)}` } },
    { matchLabels: { env: rng.pick(['prod', 'staging', 'dev']) } },
    { matchLabels: { [NAME_LABEL]: 'monitoring' } },
    {},
  ]);
}

function selectorPeer(rng: ProfileInput['rng']): Raw {
  return rng.chance(0.5)
    ? { namespaces: teamSelector(rng) }
    : {
        pods: {
          namespaceSelector: teamSelector(rng),
          podSelector: { matchLabels: { tier: rng.pick(['web', 'api', 'worker', 'db', 'cache']) } },
        },
      };
}

function subject(rng: ProfileInput['rng']): Raw {
  return rng.chance(0.6)
    ? { namespaces: teamSelector(rng) }
    : {
        pods: {
          namespaceSelector: teamSelector(rng),
          podSelector: { matchLabels: { tier: rng.pick(['web', 'api', 'db']) } },
        },
      };
}

/** Egress peers that are addresses: the pod CIDR's parts, outside ranges, or the nodes. */
function addressPeer(rng: ProfileInput['rng']): Raw {
  return rng.pick<Raw>([
    { networks: [`10.64.${rng.between(0, 63)}.0/24`] },
    { networks: ['0.0.0.0/0'] },
    { networks: ['192.0.2.0/24', '198.51.100.0/24'] },
    { nodes: { matchLabels: { 'node-role.kubernetes.io/control-plane': '' } } },
  ]);
}

function rules(
  rng: ProfileInput['rng'],
  direction: 'ingress' | 'egress',
  version: 'v1alpha1' | 'v1alpha2',
  actions: readonly string[],
): Raw[] {
  const count = rng.between(1, 4);
  return Array.from({ length: count }, (_, i) => {
    const address = direction === 'egress' && rng.chance(0.3);
    // Named ports may not share a rule with networks or nodes peers (the CRDs' CEL rule).
    let ports = version === 'v1alpha1' ? v1Ports(rng) : v2Ports(rng);
    if (address && ports !== undefined && JSON.stringify(ports).includes('amedPort')) {
      ports = undefined;
    }
    const portsField = version === 'v1alpha1' ? 'ports' : 'protocols';
    return {
      name: `${direction}-${i}`,
      action: rng.pick(actions),
      [direction === 'ingress' ? 'from' : 'to']: address
        ? [addressPeer(rng)]
        : [selectorPeer(rng), ...(rng.chance(0.3) ? [selectorPeer(rng)] : [])],
      ...(ports === undefined ? {} : { [portsField]: ports }),
    };
  });
}

/**
 * `typical`, plus 50 ANPs (priorities 0-99, some shared), the BANP and 20 CNPs of both tiers,
 * and three Node objects for the nodes peers.
 */
export function adminProfile(typical: Profile): Profile {
  return {
    name: 'admin',
    description:
      'typical, plus 50 AdminNetworkPolicies, the BaselineAdminNetworkPolicy and 20 ClusterNetworkPolicies (10 Admin, 10 Baseline tier) with Accept/Deny/Pass, namespace, pod, networks and nodes peers, numbers, ranges and named ports; three Nodes',
    defaultPolicies: typical.defaultPolicies,
    traffic: typical.traffic,
    build(input) {
      typical.build(input);
      const { b, rng } = input;
      for (let i = 0; i < 3; i++) {
        b.objects.push({
          apiVersion: 'v1',
          kind: 'Node',
          metadata: {
            name: `node-${i}`,
            labels: i === 0 ? { 'node-role.kubernetes.io/control-plane': '' } : {},
          },
          status: { addresses: [{ type: 'InternalIP', address: `10.0.0.${10 + i}` }] },
        });
      }
      for (let i = 0; i < 50; i++) {
        b.objects.push({
          apiVersion: 'policy.networking.k8s.io/v1alpha1',
          kind: 'AdminNetworkPolicy',
          metadata: { name: `anp-${i}` },
          spec: {
            priority: rng.between(0, 99),
            subject: subject(rng),
            ingress: rules(rng, 'ingress', 'v1alpha1', ['Allow', 'Deny', 'Pass']),
            egress: rules(rng, 'egress', 'v1alpha1', ['Allow', 'Deny', 'Pass']),
          },
        });
      }
      b.objects.push({
        apiVersion: 'policy.networking.k8s.io/v1alpha1',
        kind: 'BaselineAdminNetworkPolicy',
        metadata: { name: 'default' },
        spec: {
          subject: { namespaces: {} },
          ingress: [
            {
              name: 'dev-stays-out',
              action: 'Deny',
              from: [{ namespaces: { matchLabels: { env: 'dev' } } }],
            },
          ],
          egress: [{ name: 'no-test-nets', action: 'Deny', to: [{ networks: ['192.0.2.0/24'] }] }],
        },
      });
      for (let i = 0; i < 20; i++) {
        const tier = i < 10 ? 'Admin' : 'Baseline';
        b.objects.push({
          apiVersion: 'policy.networking.k8s.io/v1alpha2',
          kind: 'ClusterNetworkPolicy',
          metadata: { name: `cnp-${i}` },
          spec: {
            tier,
            priority: rng.between(0, 99),
            subject: subject(rng),
            ingress: rules(rng, 'ingress', 'v1alpha2', ['Accept', 'Deny', 'Pass']),
            egress: rules(rng, 'egress', 'v1alpha2', ['Accept', 'Deny', 'Pass']),
          },
        });
      }
    },
  };
}
