import type { ReportData } from '../report-data.js';
import { h, section } from './dom.js';

/** Counts and lint findings by severity; {@link renderObjects} lists them after the views. */
export function renderSummary(data: ReportData): void {
  const s = data.summary;
  const card = (label: string, value: number, key: string) =>
    h('div', { class: 'card', 'data-summary': key }, h('b', {}, String(value)), label);
  const root = section('summary', 'Summary');
  root.append(
    h(
      'div',
      { class: 'cards' },
      card('namespaces', s.namespaces, 'namespaces'),
      card('pods', s.pods, 'pods'),
      card('workloads', s.workloads, 'workloads'),
      card('policies', s.policies, 'policies'),
      card('pods isolated for ingress', s.isolatedIngress, 'isolatedIngress'),
      card('pods isolated for egress', s.isolatedEgress, 'isolatedEgress'),
      card('pods no policy selects', s.unselected, 'unselected'),
    ),
  );
  const bySeverity = new Map<string, number>();
  for (const f of data.findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
  const counts = [...bySeverity].map(([sev, n]) => `${n} ${sev}`).join(', ');
  root.append(
    h(
      'p',
      {},
      `Lint findings: ${data.findings.length === 0 ? 'none' : counts}`,
      data.findings.length === 0 ? undefined : h('a', { href: '#findings-section' }, ' (list)'),
    ),
  );
}

/** The lint findings, each linking to its object, and the policies they link to. */
export function renderObjects(data: ReportData): void {
  const root = section('findings-section', 'Lint findings and policies');
  if (data.findings.length > 0) {
    const rows = data.findings.map((f) =>
      h(
        'tr',
        {},
        h('td', { class: `sev-${f.severity}` }, f.severity),
        h('td', {}, f.code),
        h('td', {}, h('a', { href: `#${f.anchor}` }, f.object)),
        h('td', {}, f.message),
      ),
    );
    root.append(
      h(
        'div',
        { class: 'scroll' },
        h(
          'table',
          { class: 'list', id: 'findings' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, 'severity'),
              h('th', {}, 'code'),
              h('th', {}, 'object'),
              h('th', {}, 'finding'),
            ),
          ),
          h('tbody', {}, ...rows),
        ),
      ),
    );
  }
  const policies = data.policies.map((p) =>
    h('tr', { id: p.anchor }, h('td', {}, p.name), h('td', {}, p.file ?? '')),
  );
  root.append(
    h('h3', {}, `NetworkPolicies (${data.policies.length})`),
    h('div', { class: 'scroll' }, h('table', { class: 'list' }, h('tbody', {}, ...policies))),
  );
}
