// The report page's data: what `report/` builds and the page script reads. The page script
// itself (main.ts and the views) is bundled by scripts/build-page.mjs and is not exported.
export { decodeCluster, encodeCluster } from './cluster-codec.js';
export type { HeatmapCounts } from './heatmap-counts.js';
export { HEAT_STEPS, heatmapCounts, heatStep } from './heatmap-counts.js';
export type { PortFilter } from './port-filter.js';
export { allowsFilter, parsePortFilter } from './port-filter.js';
export type {
  EncodedCluster,
  GraphNode,
  ReportData,
  ReportDiff,
  ReportDiffEntry,
  ReportFinding,
  ReportPolicy,
  ReportSummary,
} from './report-data.js';
export { anchorOf } from './report-data.js';
