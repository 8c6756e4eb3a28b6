export type {
  AdminAction,
  AdminPeer,
  AdminPolicy,
  AdminPolicyOrigin,
  AdminPort,
  AdminRule,
  AdminSubject,
  AdminTier,
  Node,
} from './admin-policy.js';
export { adminPolicyKind, compareAdminPolicies } from './admin-policy.js';
export type {
  Cluster,
  ContainerPort,
  Namespace,
  OwnerRef,
  Pod,
  Service,
  ServicePort,
  TerminatedPod,
  Workload,
  WorkloadKind,
} from './cluster.js';
export {
  DEFAULT_NAMESPACE,
  NAMESPACE_NAME_LABEL,
  namespacesOfPods,
  synthesizedNamespace,
} from './cluster.js';
export type { ClusterObjects } from './cluster-objects.js';
export { addObjects, removeObjects } from './cluster-objects.js';
export {
  controllerChain,
  controllerOf,
  isControlledBy,
  POD_TEMPLATE_HASH_LABEL,
} from './controller.js';
export type {
  LabelSelector,
  LabelSelectorRequirement,
  Labels,
  SelectorOperator,
} from './labels.js';
export type {
  AdminPolicySupport,
  HostNetworkPeers,
  IpFamilies,
  NamedPortsInEgress,
  NodeIngress,
  SemanticsOptions,
} from './options.js';
export { DEFAULT_SEMANTICS, resolveSemantics } from './options.js';
export type { NetworkPolicy, Peer, PolicyRule, PolicyType, PortSpec, Protocol } from './policy.js';
export { MAX_PORT, PROTOCOLS } from './policy.js';
export type { SourceRef } from './source.js';
export type {
  AddressRef,
  ConnectionSet,
  Endpoint,
  ObjectRef,
  PodRef,
  PortRange,
  Traffic,
} from './traffic.js';
export { compareByNamespaceAndName, formatEndpoint, formatPodRef, isAddress } from './traffic.js';
