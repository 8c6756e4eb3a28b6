import type { ReportData, ReportDiffEntry } from '../report-data.js';
import { h, section } from './dom.js';

/** Diff mode: `reach diff`'s added, removed and changed pairs (by workload), colour and sign. */
export function renderDiff(data: ReportData): void {
  const diff = data.diff;
  if (diff === undefined) return;
  const root = section('diff', `Changes against ${diff.base}`);
  const list = (
    id: string,
    title: string,
    sign: string,
    cls: string,
    entries: readonly ReportDiffEntry[],
  ) =>
    h(
      'div',
      {},
      h('h3', { class: cls }, `${sign} ${title} (${entries.length})`),
      h(
        'table',
        { class: 'list', id },
        h(
          'tbody',
          {},
          ...entries.map((e) =>
            h(
              'tr',
              { class: cls, 'data-from': e.from, 'data-to': e.to },
              h('td', {}, sign),
              h('td', {}, e.from),
              h('td', {}, '→'),
              h('td', {}, e.to),
              h('td', {}, e.ports),
            ),
          ),
        ),
      ),
    );
  root.append(
    h(
      'p',
      {},
      'Added connections are drawn solid blue in the graph, removed ones dashed vermillion.',
    ),
    h(
      'div',
      { class: 'scroll' },
      list('diff-added', 'added', '+', 'added', diff.added),
      list('diff-removed', 'removed', '−', 'removed', diff.removed),
      list('diff-changed', 'changed', '~', 'changed', diff.changed),
    ),
  );
}
