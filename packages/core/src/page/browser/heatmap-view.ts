import { formatConnectionSet } from '../../query/index.js';
import type { HeatmapCounts } from '../heatmap-counts.js';
import { HEAT_STEPS, heatmapCounts, heatStep } from '../heatmap-counts.js';
import type { PortFilter } from '../port-filter.js';
import { allowsFilter, parsePortFilter } from '../port-filter.js';
import type { ReportData } from '../report-data.js';
import { anchorOf } from '../report-data.js';
import { h, section } from './dom.js';

/**
 * The namespace x namespace heatmap: the share of pod pairs allowed, on any port or the one
 * in the port box. Cells are buttons in a roving tab order: arrow keys move, Home/End go to
 * the row's ends, Enter or a click lists the workload pairs of the cell with their ports.
 */
export function renderHeatmap(data: ReportData): void {
  const root = section('heatmap', 'Namespace × namespace');
  const portBox = h('input', {
    type: 'text',
    id: 'heatmap-port',
    placeholder: 'any port, or 80, 53/udp',
  });
  const legend = h(
    'div',
    { class: 'legend', 'aria-hidden': 'true' },
    'share of pod pairs allowed:',
    ...HEAT_STEPS.map((s) => h('span', { style: `background:${s.bg};color:${s.fg}` }, s.label)),
  );
  const status = h('span', { role: 'status', id: 'heatmap-status' });
  const table = h('table', { class: 'heatmap', id: 'heatmap-table', role: 'grid' });
  const details = h('div', { id: 'cell-details', 'aria-live': 'polite' });
  root.append(
    h('div', { class: 'controls' }, h('label', {}, 'Port (rows reach columns)', portBox), status),
    legend,
    h('div', { class: 'scroll', style: 'max-height:40rem' }, table),
    details,
  );
  let filter: PortFilter = {};
  const draw = (): void => {
    const counts = heatmapCounts(data, filter);
    fillTable(table, data, counts, (a, b) => showCell(details, data, counts, filter, a, b));
  };
  portBox.addEventListener('change', () => {
    const parsed = parsePortFilter(portBox.value);
    if (parsed === undefined) {
      status.textContent = `not a port: ${portBox.value}`;
      return;
    }
    status.textContent = '';
    filter = parsed;
    details.replaceChildren();
    draw();
  });
  draw();
}

function fillTable(
  table: HTMLTableElement,
  data: ReportData,
  counts: HeatmapCounts,
  open: (a: number, b: number) => void,
): void {
  const n = counts.size;
  const head = h(
    'tr',
    {},
    h('th', {}, 'from \\ to'),
    ...data.namespaces.map((ns) => h('th', { class: 'col', scope: 'col' }, ns)),
  );
  const rows = data.namespaces.map((ns, a) => {
    const cells = data.namespaces.map((to, b) => {
      const allowed = counts.allowed[a * n + b] ?? 0;
      const total = counts.total[a * n + b] ?? 0;
      const step = HEAT_STEPS[heatStep(allowed, total)] ?? HEAT_STEPS[0];
      const share = total === 0 ? '–' : `${Math.round((allowed / total) * 100)}`;
      const button = h(
        'button',
        {
          type: 'button',
          tabindex: a === 0 && b === 0 ? 0 : -1,
          'data-from': ns,
          'data-to': to,
          'data-allowed': allowed,
          'data-total': total,
          'aria-pressed': 'false',
          'aria-label': `${ns} to ${to}: ${allowed} of ${total} pod pairs allowed`,
          style: `background:${step?.bg};color:${step?.fg}`,
        },
        share,
      );
      button.addEventListener('click', () => {
        for (const b2 of table.querySelectorAll('button[aria-pressed=true]'))
          b2.setAttribute('aria-pressed', 'false');
        button.setAttribute('aria-pressed', 'true');
        open(a, b);
      });
      button.addEventListener('keydown', (event) => moveFocus(table, event, a, b, n));
      return h('td', {}, button);
    });
    return h('tr', {}, h('th', { scope: 'row', id: anchorOf('Namespace', ns) }, ns), ...cells);
  });
  table.replaceChildren(h('thead', {}, head), h('tbody', {}, ...rows));
}

function moveFocus(
  table: HTMLTableElement,
  event: KeyboardEvent,
  a: number,
  b: number,
  n: number,
): void {
  const moves: Record<string, [number, number]> = {
    ArrowUp: [a - 1, b],
    ArrowDown: [a + 1, b],
    ArrowLeft: [a, b - 1],
    ArrowRight: [a, b + 1],
    Home: [a, 0],
    End: [a, n - 1],
  };
  const target = moves[event.key];
  if (target === undefined) return;
  event.preventDefault();
  const [row, col] = target;
  if (row < 0 || row >= n || col < 0 || col >= n) return;
  const buttons = table.querySelectorAll<HTMLButtonElement>('tbody button');
  const next = buttons[row * n + col];
  const current = buttons[a * n + b];
  if (next === undefined) return;
  if (current !== undefined) current.tabIndex = -1;
  next.tabIndex = 0;
  next.focus();
}

function showCell(
  details: HTMLElement,
  data: ReportData,
  counts: HeatmapCounts,
  filter: PortFilter,
  a: number,
  b: number,
): void {
  const n = counts.size;
  const pairs = data.edges.filter(([from, to, set]) => {
    const f = data.nodes[from];
    const t = data.nodes[to];
    const ports = data.portSets[set];
    return (
      f?.namespace === a && t?.namespace === b && ports !== undefined && allowsFilter(ports, filter)
    );
  });
  const rows = pairs.map(([from, to, set]) =>
    h(
      'tr',
      {},
      h('td', {}, data.nodes[from]?.name ?? ''),
      h('td', {}, data.nodes[to]?.name ?? ''),
      h('td', {}, formatConnectionSet(data.portSets[set] ?? {})),
    ),
  );
  details.replaceChildren(
    h(
      'h3',
      {},
      `${data.namespaces[a]} → ${data.namespaces[b]}: ${counts.allowed[a * n + b]} of ${counts.total[a * n + b]} pod pairs allowed, ${pairs.length} workload pairs`,
    ),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'list', id: 'cell-pairs' },
        h('thead', {}, h('tr', {}, h('th', {}, 'from'), h('th', {}, 'to'), h('th', {}, 'ports'))),
        h('tbody', {}, ...rows),
      ),
    ),
  );
}
