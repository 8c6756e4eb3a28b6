import type { PortFilter } from './port-filter.js';
import { allowsFilter } from './port-filter.js';
import type { ReportData } from './report-data.js';

/** Pod pair counts per cell, row-major: `allowed[a * n + b]` pairs from namespace a to b. */
export interface HeatmapCounts {
  readonly size: number;
  readonly allowed: Float64Array;
  readonly total: Float64Array;
}

/**
 * Counts the pod pairs of each namespace pair (two distinct pods) and those allowed by the
 * filter, summed over the pod groups: every pod of a group allows the same, so a group edge
 * stands for all the pod pairs it joins. Nothing per pair is shipped or computed.
 */
export function heatmapCounts(
  data: Pick<ReportData, 'namespaces' | 'podGroups' | 'podGroupEdges' | 'portSets'>,
  filter: PortFilter,
): HeatmapCounts {
  const n = data.namespaces.length;
  const pods = new Float64Array(n);
  for (const group of data.podGroups)
    for (const [ns, count] of group) pods[ns] = (pods[ns] ?? 0) + count;
  const total = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      total[a * n + b] = (pods[a] ?? 0) * (pods[b] ?? 0) - (a === b ? (pods[a] ?? 0) : 0);
    }
  }
  const allowed = new Float64Array(n * n);
  const verdicts = data.portSets.map((set) => allowsFilter(set, filter));
  for (const [from, to, set] of data.podGroupEdges) {
    if (verdicts[set] !== true) continue;
    const sources = data.podGroups[from] ?? [];
    const targets = data.podGroups[to] ?? [];
    for (const [a, ca] of sources) {
      for (const [b, cb] of targets) {
        const at = a * n + b;
        allowed[at] = (allowed[at] ?? 0) + ca * cb - (from === to && a === b ? ca : 0);
      }
    }
  }
  return { size: n, allowed, total };
}

/**
 * Viridis in six steps (light to dark reversed so that "more allowed" is darker), with the
 * text colour that stays readable on each; step 0 is exactly none allowed.
 */
export const HEAT_STEPS: readonly {
  readonly bg: string;
  readonly fg: string;
  readonly label: string;
}[] = [
  { bg: '#f2f2f2', fg: '#333', label: '0%' },
  { bg: '#fde725', fg: '#000', label: '< 20%' },
  { bg: '#7ad151', fg: '#000', label: '20-40%' },
  { bg: '#22a884', fg: '#000', label: '40-60%' },
  { bg: '#2a788e', fg: '#fff', label: '60-80%' },
  { bg: '#414487', fg: '#fff', label: '80-99%' },
  { bg: '#440154', fg: '#fff', label: '100%' },
];

/** The colour step of a share of allowed pairs. */
export function heatStep(allowed: number, total: number): number {
  if (total === 0 || allowed === 0) return 0;
  if (allowed >= total) return 6;
  return Math.min(5, 1 + Math.floor((allowed / total) * 5));
}
