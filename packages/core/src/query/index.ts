export type {
  ProfileComparison,
  ProfileDifference,
} from './compare-profiles.js';
export { compareProfiles } from './compare-profiles.js';
export { connectionsOfRows } from './connection-rows.js';
export { compile } from './engine.js';
export { formatConnectionSet } from './format-connections.js';
export { formatAssumptions, formatExplanation } from './format-explanation.js';
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
  ReachabilityMatrix,
  RuleRef,
  TierVerdict,
} from './types.js';
export type { WorkloadGroup } from './workloads.js';
export { groupByPod, groupByWorkload, workloadOf } from './workloads.js';
