// The type of ReachabilityMatrix.rowBits rows.
export type { Bitset } from './bitset/index.js';
/**
 * `@kube-reach/core`: Kubernetes NetworkPolicy reachability, offline. Parse manifests into a
 * {@link Cluster}, `compile` it into an {@link Engine}, and ask who can reach whom, on which
 * ports, and why.
 *
 * Subpaths: `@kube-reach/core/node` (read files and directories), `@kube-reach/core/reference`
 * (the slow, independent reference evaluator), `@kube-reach/core/format` (streaming output
 * writers), `@kube-reach/core/arbitraries` (fast-check generators for property tests) and
 * `@kube-reach/core/vitest` (matchers).
 *
 * The list below is deliberate: each export is used by the CLI, the examples or the
 * benchmarks, or is documented in the package README; `test/api/exports.test.ts` snapshots it,
 * so adding one is a visible decision.
 */

export type {
  ConnectionChange,
  ConnectivityDiff,
  DiffOptions,
  DiffSummary,
  IsolationChange,
} from './diff/index.js';
export {
  diff,
  streamDiff,
  summarizeDiff,
} from './diff/index.js';
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
  NodeEndpointSpec,
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
  editDistance,
  formatLabelSelector,
  hypotheticalPodsOf,
  matchesLabelSelector,
  pairWord,
  parseEndpoint,
  parseLabelSelector,
  parsePortQuery,
  query,
  resolveEndpoint,
  suggestionLimit,
  withHypotheticalPods,
} from './endpoint/index.js';
export type { ReachErrorCode } from './errors.js';
export {
  ClusterLoadError,
  ReachError,
} from './errors.js';
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
  AdminAction,
  AdminPeer,
  AdminPolicy,
  AdminPolicyOrigin,
  AdminPolicySupport,
  AdminPort,
  AdminRule,
  AdminSubject,
  AdminTier,
  Cluster,
  ClusterObjects,
  ConnectionSet,
  ContainerPort,
  Endpoint,
  HostNetworkPeers,
  IpFamilies,
  LabelSelector,
  LabelSelectorRequirement,
  Labels,
  NamedPortsInEgress,
  Namespace,
  NetworkPolicy,
  Node,
  NodeIngress,
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
  controllerOf,
  DEFAULT_SEMANTICS,
  formatEndpoint,
  formatPodRef,
  PROTOCOLS,
} from './model/index.js';
export {
  intersectSets,
  isEmptySet,
  restrictSet,
  subtractSets,
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
  AnalysisOptions,
  BlastRadiusResult,
  Cell,
  CellAttributes,
  ExposedWorkload,
  ExposureResult,
  GraphSource,
  GraphStats,
  HopAttributes,
  HopOptions,
  PathEndpoint,
  PathHop,
  PathOptions,
  PathStep,
  PathsResult,
  PortFilter,
  ReachedEndpoints,
  ReachGraph,
  Segment,
  SegmentsResult,
  TargetExposure,
  WitnessPath,
} from './paths/index.js';
export { blastRadius, buildReachGraph, exposure, paths, segments } from './paths/index.js';
export type {
  FeatureUse,
  KnobName,
  KnobSource,
  Knobs,
  Profile,
  ProfileVersion,
  ResolvedProfile,
} from './profiles/index.js';
export {
  findProfile,
  formatKnob,
  KNOB_DESCRIPTIONS,
  KNOB_NAMES,
  KNOB_VALUES,
  knobsOf,
  PROFILES,
  profileNames,
  profileSemantics,
  resolveProfile,
  SPEC_KNOBS,
  unsupportedFeatures,
} from './profiles/index.js';
export type {
  AddressRange,
  AdminRuleRef,
  Change,
  Connection,
  ConnectionRows,
  Connectivity,
  DirectionVerdict,
  Engine,
  EngineStats,
  Explanation,
  GroupBy,
  GroupedConnections,
  GroupedMatrixRows,
  GroupMatrix,
  GroupMatrixRows,
  PolicyRef,
  ProfileComparison,
  ProfileDifference,
  ReachabilityMatrix,
  RuleRef,
  TierVerdict,
  WorkloadGroup,
} from './query/index.js';
export {
  compareProfiles,
  compile,
  formatAssumptions,
  formatConnectionSet,
  formatExplanation,
} from './query/index.js';
export type { ManifestChange } from './with-manifests.js';
export { withManifests } from './with-manifests.js';
