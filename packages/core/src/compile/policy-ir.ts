import type { LabelSelector, NetworkPolicy, PolicyRule, Protocol } from '../model/index.js';

/** A peer of a rule after normalisation. */
export type PeerIR =
  | {
      readonly kind: 'pods';
      /** Absent: the policy's own namespace. */
      readonly namespaceSelector?: LabelSelector;
      /** Absent: every pod of the selected namespaces. */
      readonly podSelector?: LabelSelector;
    }
  | { readonly kind: 'ipBlock'; readonly cidr: string; readonly except: readonly string[] };

/** A port entry after normalisation. */
export type PortIR =
  | { readonly kind: 'all'; readonly protocol: Protocol }
  | {
      readonly kind: 'range';
      readonly protocol: Protocol;
      readonly first: number;
      readonly last: number;
    }
  | { readonly kind: 'named'; readonly protocol: Protocol; readonly name: string };

/** One rule with "absent or empty" turned into explicit `'all'`. */
export interface RuleIR {
  readonly index: number;
  /** `'all'`: the rule names no peer, so every source (or destination) matches, addresses too. */
  readonly peers: 'all' | readonly PeerIR[];
  /** `'all'`: the rule names no port, so every port of every protocol matches. */
  readonly ports: 'all' | readonly PortIR[];
}

/** A policy as the engine and the explainer see it. */
export interface PolicyIR {
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: LabelSelector;
  /** Whether the policy isolates the pods it selects for ingress / egress. */
  readonly affectsIngress: boolean;
  readonly affectsEgress: boolean;
  readonly ingress: readonly RuleIR[];
  readonly egress: readonly RuleIR[];
}

function normalizeRule(rule: PolicyRule, index: number): RuleIR {
  // An absent or empty `from`/`to` list matches every peer; likewise for `ports`.
  const peers: RuleIR['peers'] =
    rule.peers === undefined || rule.peers.length === 0
      ? 'all'
      : rule.peers.map((peer): PeerIR => {
          if (peer.kind === 'ipBlock') return peer;
          return {
            kind: 'pods',
            ...(peer.namespaceSelector ? { namespaceSelector: peer.namespaceSelector } : {}),
            ...(peer.podSelector ? { podSelector: peer.podSelector } : {}),
          };
        });
  const ports: RuleIR['ports'] =
    rule.ports === undefined || rule.ports.length === 0
      ? 'all'
      : rule.ports.map((spec): PortIR => {
          // A port entry with only a protocol matches every port of that protocol.
          if (spec.port === undefined) return { kind: 'all', protocol: spec.protocol };
          // A string port names a container port of the destination pod.
          if (typeof spec.port === 'string') {
            return { kind: 'named', protocol: spec.protocol, name: spec.port };
          }
          // endPort is inclusive; without it the entry is the single port.
          return {
            kind: 'range',
            protocol: spec.protocol,
            first: spec.port,
            last: spec.endPort ?? spec.port,
          };
        });
  return { index, peers, ports };
}

/**
 * Turns a parsed policy into the engine's form. The parser has already applied the API
 * server's defaults (policyTypes, protocol), so a policy affects a direction exactly when that
 * direction is in `policyTypes`.
 */
export function normalizePolicy(policy: NetworkPolicy): PolicyIR {
  return {
    namespace: policy.namespace,
    name: policy.name,
    podSelector: policy.podSelector,
    affectsIngress: policy.policyTypes.includes('Ingress'),
    affectsEgress: policy.policyTypes.includes('Egress'),
    // Rules of a direction the policy does not affect are ignored by Kubernetes.
    ingress: policy.policyTypes.includes('Ingress') ? policy.ingress.map(normalizeRule) : [],
    egress: policy.policyTypes.includes('Egress') ? policy.egress.map(normalizeRule) : [],
  };
}

/** Every rule of the policies, ingress then egress per policy. */
export function* allRules(policies: readonly PolicyIR[]): Iterable<RuleIR> {
  for (const policy of policies) {
    yield* policy.ingress;
    yield* policy.egress;
  }
}

/** Every peer the policies' rules name. */
export function* allPeers(policies: readonly PolicyIR[]): Iterable<PeerIR> {
  for (const rule of allRules(policies)) if (rule.peers !== 'all') yield* rule.peers;
}

/** Every port entry the policies' rules name. */
export function* allPorts(policies: readonly PolicyIR[]): Iterable<PortIR> {
  for (const rule of allRules(policies)) if (rule.ports !== 'all') yield* rule.ports;
}
