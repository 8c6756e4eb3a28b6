// `@kube-reach/core/report`: the self-contained HTML report of `reach report`.

export type {
  GraphNode,
  ReportData,
  ReportDiff,
  ReportDiffEntry,
  ReportFinding,
  ReportPolicy,
  ReportSummary,
} from '../page/index.js';
export type { ReportOptions } from './build-report-data.js';
export { buildReportData, EXTERNAL_NODE } from './build-report-data.js';
export { renderReport, renderReportData } from './render-report.js';
