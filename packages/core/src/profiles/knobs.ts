import type {
  AdminPolicySupport,
  HostNetworkPeers,
  IpFamilies,
  NamedPortsInEgress,
  NodeIngress,
  SemanticsOptions,
} from '../model/index.js';

/**
 * Every knob a CNI profile sets: what the NetworkPolicy API leaves to the plugin (see
 * {@link SemanticsOptions} for each one's meaning). `hostNetworkSubjects: true` is
 * `hostNetworkPods: 'pods'`.
 */
export interface Knobs {
  readonly ipBlockMatchesPods: boolean | 'egress-only';
  readonly ipBlockMatchesNodes: boolean;
  readonly nodeIngress: NodeIngress;
  readonly egressToOwnNode: 'policed' | 'always';
  readonly hostNetworkPeers: HostNetworkPeers;
  readonly hostNetworkSubjects: boolean;
  readonly endPort: 'supported' | 'ignored';
  readonly sctp: boolean;
  readonly namedPortsInEgress: NamedPortsInEgress;
  readonly ipFamilies: IpFamilies;
  readonly adminPolicies: AdminPolicySupport;
  /** The highest Admin-tier priority accepted; absent = no cap beyond the API's. */
  readonly adminPriorityCap?: number;
  readonly enforcesNetworkPolicy: boolean;
}

/** A knob's name. */
export type KnobName = keyof Knobs;

/** The knobs in the order they are listed and explained. */
export const KNOB_NAMES: readonly KnobName[] = Object.freeze([
  'enforcesNetworkPolicy',
  'ipBlockMatchesPods',
  'ipBlockMatchesNodes',
  'nodeIngress',
  'egressToOwnNode',
  'hostNetworkPeers',
  'hostNetworkSubjects',
  'endPort',
  'sctp',
  'namedPortsInEgress',
  'ipFamilies',
  'adminPolicies',
  'adminPriorityCap',
]);

/** What each knob decides, in one line (for `reach profiles --explain`). */
export const KNOB_DESCRIPTIONS: { readonly [K in KnobName]: string } = Object.freeze({
  enforcesNetworkPolicy: 'whether the plugin enforces NetworkPolicy at all',
  ipBlockMatchesPods: 'whether an ipBlock matches pod IPs: true, false or egress-only',
  ipBlockMatchesNodes: 'whether an ipBlock matches node IPs (and host-network pods)',
  nodeIngress: "traffic from a pod's own node: always allowed, from the gateway, or policed",
  egressToOwnNode: 'traffic from a pod to its own node: policed or always allowed',
  hostNetworkPeers: 'host-network pods as peers: node-ip, excluded or allowed',
  hostNetworkSubjects: 'whether policies select host-network pods (they are pods, not node)',
  endPort: 'endPort supported, or ignored (only port is enforced)',
  sctp: 'whether SCTP port entries are enforced (else they match nothing)',
  namedPortsInEgress: 'named ports in egress rules: supported, pod-peers-only, unsupported',
  ipFamilies: 'address families enforced: dual, single (first pod IP) or ipv4',
  adminPolicies: 'admin network policy API implemented: none, v1alpha1, v1alpha2 or any',
  adminPriorityCap: 'the highest Admin-tier priority the plugin accepts',
});

/** The values each knob accepts (`adminPriorityCap`: any integer, so not listed). */
export const KNOB_VALUES: { readonly [K in KnobName]?: readonly unknown[] } = Object.freeze({
  enforcesNetworkPolicy: [true, false],
  ipBlockMatchesPods: [true, false, 'egress-only'],
  ipBlockMatchesNodes: [true, false],
  nodeIngress: ['always', 'gateway', 'policed'],
  egressToOwnNode: ['policed', 'always'],
  hostNetworkPeers: ['node-ip', 'excluded', 'allowed'],
  hostNetworkSubjects: [true, false],
  endPort: ['supported', 'ignored'],
  sctp: [true, false],
  namedPortsInEgress: ['supported', 'pod-peers-only', 'unsupported'],
  ipFamilies: ['dual', 'single', 'ipv4'],
  adminPolicies: ['none', 'v1alpha1', 'v1alpha2', 'any'],
});

/** The `spec` profile's knobs: the API reference and the upstream e2e tests. */
export const SPEC_KNOBS: Knobs = Object.freeze({
  enforcesNetworkPolicy: true,
  ipBlockMatchesPods: true,
  ipBlockMatchesNodes: true,
  nodeIngress: 'always',
  egressToOwnNode: 'always',
  hostNetworkPeers: 'node-ip',
  hostNetworkSubjects: false,
  endPort: 'supported',
  sctp: true,
  namedPortsInEgress: 'supported',
  ipFamilies: 'dual',
  adminPolicies: 'any',
});

/** A knob's value as text (`key=value`). */
export function formatKnob(name: KnobName, knobs: Knobs): string {
  const value = knobs[name];
  return `${name}=${value === undefined ? 'none' : String(value)}`;
}
