// `@kube-reach/core/arbitraries`: fast-check arbitraries of valid Kubernetes objects, and the
// helpers to apply them to a real cluster. fast-check is an optional peer dependency.

export { withObjects } from '../parse/index.js';
export type { AdminManifests, AdminPoliciesConstraints } from './admin-policies.js';
export { adminPolicies } from './admin-policies.js';
export type { CidrConstraints } from './cidr.js';
export { cidr } from './cidr.js';
export type { ClusterConstraints } from './cluster.js';
export { cluster, clusterToList } from './cluster.js';
export type { OwnerChoice } from './controllers.js';
export type { TextFlow } from './endpoint-text.js';
export { endpointText, textFlow } from './endpoint-text.js';
export type { Flow, FlowConstraints, TrafficConstraints, TrafficSample } from './flow.js';
export { flow, traffic, trafficPort } from './flow.js';
export type { LabelsConstraints, NameConstraints } from './labels.js';
export { labelKey, labelSelector, labels, labelValue } from './labels.js';
export type {
  ClusterManifests,
  ContainerPortManifest,
  ControllerManifest,
  EgressRuleManifest,
  IngressRuleManifest,
  LabelMap,
  ListManifest,
  NamespaceManifest,
  NetworkPolicyManifest,
  OwnerReferenceManifest,
  PeerManifest,
  PodManifest,
  PodTemplateManifest,
  PortManifest,
  RequirementManifest,
  SelectorManifest,
} from './manifests.js';
export type { NamespaceConstraints } from './namespace.js';
export { namespace } from './namespace.js';
export type { NetworkPolicyConstraints, PoolsConstraints } from './network-policy.js';
export { egressRule, ingressRule, networkPolicy, portSpec } from './network-policy.js';
export type { PodConstraints } from './pod.js';
export { pod } from './pod.js';
export type { PodInConstraints, PodsInConstraints } from './pod-in.js';
export { podIn, podsIn } from './pod-in.js';
export type { IpBlockEntry, Pools } from './pools.js';
export { POOLS } from './pools.js';
export { poolsOf } from './pools-of.js';
export type { SourceCluster } from './source-cluster.js';
