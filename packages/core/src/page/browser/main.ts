// The report page's script: bundled by scripts/build-page.mjs into report/page-script.gen.ts
// and inlined into every report. It reads the data element, draws each view, and marks the
// document ready (`data-ready`) for tests and the time-to-interactive benchmark.

import type { ReportData } from '../report-data.js';
import { renderDiff } from './diff-view.js';
import { renderGraph } from './graph-view.js';
import { renderHeatmap } from './heatmap-view.js';
import { renderQueryPanel } from './query-panel.js';
import { renderObjects, renderSummary } from './summary-view.js';

const text = document.getElementById('reach-data')?.textContent ?? '{}';
const data = JSON.parse(text) as ReportData;
document.getElementById('loading')?.remove();
renderSummary(data);
renderDiff(data);
renderHeatmap(data);
renderQueryPanel(data);
renderGraph(data);
renderObjects(data);
document.documentElement.dataset.ready = String(Math.round(performance.now()));
