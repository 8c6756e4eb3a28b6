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

// A finding links to its policy, whose row may sit in a closed <details>: open it first.
const reveal = (): void => {
  const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  const details = target?.closest('details');
  if (details && !details.open) details.open = true;
  target?.scrollIntoView();
};
window.addEventListener('hashchange', reveal);
