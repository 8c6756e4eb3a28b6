export type { AnalysisOptions, GraphSource } from './analyses.js';
export { blastRadius, exposure, paths, segments } from './analyses.js';
export type { Cell, CellAttributes, HopAttributes, ReachGraph } from './reach-graph.js';
export { buildReachGraph } from './reach-graph.js';
export type {
  BlastRadiusResult,
  ExposedWorkload,
  ExposureResult,
  GraphStats,
  HopOptions,
  PathHop,
  PathOptions,
  PathStep,
  PathsResult,
  PortFilter,
  ReachedEndpoints,
  Segment,
  SegmentsResult,
  TargetExposure,
  WitnessPath,
} from './types.js';
export type { PathEndpoint } from './witness.js';
