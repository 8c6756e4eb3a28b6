/**
 * `@kube-reach/core`: Kubernetes NetworkPolicy reachability, offline. Parse manifests into a
 * {@link Cluster}, `compile` it into an {@link Engine}, and ask who can reach whom, on which
 * ports, and why.
 *
 * Subpaths: `@kube-reach/core/node` (read files and directories), `@kube-reach/core/reference`
 * (the slow, independent reference evaluator), `@kube-reach/core/arbitraries` (fast-check
 * generators for property tests).
 */

export type {
  ConnectionChange,
  ConnectivityDiff,
  DiffOptions,
  DiffSummary,
  IsolationChange,
} from './diff/index.js';
export { diff, summarizeDiff } from './diff/index.js';
export type {
  AddressAtom,
  AddressSample,
  EndpointIssue,
  EndpointIssueCode,
  EndpointKind,
  EndpointResolution,
  EndpointResource,
  EndpointSpec,
  EndpointTarget,
  HypotheticalPod,
  LabelsEndpointSpec,
  MatchMode,
  ObjectEndpointSpec,
  PairResult,
  PairState,
  ParseEndpointResult,
  ParsePortResult,
  ParseSelectorResult,
  PortQuery,
  QueryOptions,
  QueryOutcome,
  QueryResult,
  ResolvedEndpoint,
  ResolveOptions,
  ServiceHop,
} from './endpoint/index.js';
export {
  ENDPOINT_KIND_HELP,
  editDistance,
  findServicePort,
  formatEndpointSpec,
  formatLabelSelector,
  formatLabelsText,
  formatPortQuery,
  hypotheticalPod,
  hypotheticalPodsOf,
  isAddressIn,
  matchesLabelSelector,
  NON_PUBLIC_IPV4_CIDRS,
  pairWord,
  parseEndpoint,
  parseEndpointKind,
  parseLabelSelector,
  parsePortQuery,
  query,
  resolveEndpoint,
  sampleAddresses,
  serviceBackends,
  serviceTargetPort,
  suggestionLimit,
  withHypotheticalPods,
} from './endpoint/index.js';
export type { ReachErrorCode } from './errors.js';
export { ClusterLoadError, ReachError } from './errors.js';
export type {
  Finding,
  FindingObject,
  LintCode,
  LintOptions,
  LintSeverity,
} from './lint/index.js';
export {
  formatFinding,
  formatFindingObject,
  LINT_CODES,
  LINT_SEVERITIES,
  lint,
} from './lint/index.js';
export type {
  AddressRef,
  Cluster,
  ClusterObjects,
  ConnectionSet,
  ContainerPort,
  Endpoint,
  LabelSelector,
  LabelSelectorRequirement,
  Labels,
  Namespace,
  NetworkPolicy,
  ObjectRef,
  OwnerRef,
  Peer,
  Pod,
  PodRef,
  PolicyRule,
  PolicyType,
  PortRange,
  PortSpec,
  Protocol,
  SelectorOperator,
  SemanticsOptions,
  Service,
  ServicePort,
  SourceRef,
  TerminatedPod,
  Traffic,
  Workload,
  WorkloadKind,
} from './model/index.js';
export {
  addObjects,
  controllerChain,
  controllerOf,
  DEFAULT_NAMESPACE,
  DEFAULT_SEMANTICS,
  formatEndpoint,
  formatPodRef,
  isAddress,
  MAX_PORT,
  NAMESPACE_NAME_LABEL,
  POD_TEMPLATE_HASH_LABEL,
  PROTOCOLS,
  removeObjects,
  resolveSemantics,
} from './model/index.js';
export {
  coverage,
  intersectSets,
  isEmptySet,
  portsSet,
  rangesOf,
  restrictSet,
  setKey,
  subtractSets,
  unionAll,
  unionSets,
} from './net/index.js';
export type {
  Issue,
  IssueCode,
  IssueObject,
  ManifestSource,
  ParseInput,
  ParseOptions,
  ParseResult,
  PathSegment,
  UnevaluatedObject,
} from './parse/index.js';
export {
  formatIssue,
  formatIssues,
  formatPath,
  loadCluster,
  parseCluster,
  withObjects,
  withoutObjects,
} from './parse/index.js';
export type {
  AddressRange,
  Change,
  Connection,
  Connectivity,
  DirectionVerdict,
  Engine,
  EngineStats,
  Explanation,
  GroupBy,
  GroupMatrix,
  GroupMatrixRows,
  PolicyRef,
  ReachabilityMatrix,
  RuleRef,
  WorkloadGroup,
} from './query/index.js';
export {
  compile,
  formatAssumptions,
  formatConnectionSet,
  formatExplanation,
} from './query/index.js';
export type { ManifestChange } from './with-manifests.js';
export { withManifests } from './with-manifests.js';
