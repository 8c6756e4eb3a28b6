import type { Protocol } from './policy.js';

/** Names a pod: `namespace/name` as kubectl does. */
export interface PodRef {
  readonly namespace: string;
  readonly name: string;
}

/** An address outside the cluster (or any address, when no pod has it). IPv4 or IPv6 text. */
export interface AddressRef {
  readonly address: string;
}

/** One end of a connection: a pod, or an address. */
export type Endpoint = PodRef | AddressRef;

/** True when the endpoint is an address rather than a pod. */
export function isAddress(endpoint: Endpoint): endpoint is AddressRef {
  return 'address' in endpoint;
}

/** One connection attempt: a destination port and protocol (TCP when absent). */
export interface Traffic {
  readonly port: number;
  readonly protocol?: Protocol;
}

/** Inclusive port range `[first, last]`. */
export type PortRange = readonly [number, number];

/**
 * The connections allowed between two endpoints: `'all'` for every port of every protocol,
 * otherwise sorted, merged inclusive ranges per protocol (absent or empty = none).
 */
export type ConnectionSet = 'all' | { readonly [P in Protocol]?: readonly PortRange[] };

/** Orders anything named `namespace/name` (pods, policies) by namespace, then name. */
export function compareByNamespaceAndName(a: PodRef, b: PodRef): number {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** `namespace/name`, the way kubectl names a pod. */
export function formatPodRef(ref: PodRef): string {
  return `${ref.namespace}/${ref.name}`;
}

/** A pod's canonical name, or the address. */
export function formatEndpoint(endpoint: Endpoint): string {
  return isAddress(endpoint) ? endpoint.address : formatPodRef(endpoint);
}

/**
 * Names an object to remove in a what-if: its kind as in a manifest (`Pod`, `NetworkPolicy`,
 * `Namespace`, `Service`, a workload kind, `Node`, `AdminNetworkPolicy`,
 * `BaselineAdminNetworkPolicy` or `ClusterNetworkPolicy`), its namespace (not for the
 * cluster-scoped Namespace, Node and admin policy kinds) and name.
 */
export interface ObjectRef {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}
