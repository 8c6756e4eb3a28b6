import type { ReportData } from '../page/index.js';
import type { Engine } from '../query/index.js';
import type { ReportOptions } from './build-report-data.js';
import { buildReportData } from './build-report-data.js';
import { PAGE_SCRIPT } from './page-script.gen.js';
import { PAGE_STYLE } from './page-style.js';

/**
 * The report as one self-contained HTML page: styles, the page script (the core's engine,
 * endpoint grammar and explanations, bundled for the browser) and the data inlined. The
 * Content-Security-Policy allows no network request at all, so the page opens from disk.
 *
 * @param engine - the compiled cluster
 * @param options - the source name, default namespace, optional base (diff mode) and findings
 * @returns the HTML text
 * @example
 * ```ts
 * const html = renderReport(compile(loadCluster(yaml)), { source: 'k8s/' });
 * ```
 */
export function renderReport(engine: Engine, options: ReportOptions): string {
  return renderReportData(buildReportData(engine, options));
}

/**
 * The page for data already built by `buildReportData`.
 *
 * @param data - the report data
 * @returns the HTML text
 */
export function renderReportData(data: ReportData): string {
  const title = `kube-reach report: ${data.source}`;
  // `<` is escaped so no text in the data can close the script element.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="profile">Profile assumed: <code>${escapeHtml(data.profile)}</code>${
    data.diff === undefined ? '' : ` · diff mode against <code>${escapeHtml(data.diff.base)}</code>`
  }</p>
</header>
<main id="app"><p id="loading">Loading…</p></main>
<script type="application/json" id="reach-data">${json}</script>
<script>${PAGE_SCRIPT.replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
