import {
  hypotheticalPodsOf,
  query,
  queryLines,
  resolveEndpoint,
  withHypotheticalPods,
} from '../../endpoint/index.js';
import type { Cluster } from '../../model/index.js';
import type { Engine } from '../../query/index.js';
import { compile } from '../../query/index.js';
import { decodeCluster } from '../cluster-codec.js';
import type { ReportData } from '../report-data.js';
import { h, section } from './dom.js';

/**
 * The query panel: FROM, TO and an optional port in the CLI's grammar, answered in the page
 * by the core's own `query` and explanation, as `reach query --explain` prints them. The
 * cluster is decoded and compiled on first use, so the page is interactive before that.
 */
export function renderQueryPanel(data: ReportData): void {
  const root = section('query-section', 'Ask: can FROM reach TO?');
  const names = h(
    'datalist',
    { id: 'endpoint-names' },
    ...data.nodes.slice(0, 3000).map((n) => h('option', { value: n.name })),
  );
  const from = h('input', {
    type: 'text',
    id: 'query-from',
    list: 'endpoint-names',
    required: true,
    placeholder: 'shop/deploy/web',
  });
  const to = h('input', {
    type: 'text',
    id: 'query-to',
    list: 'endpoint-names',
    required: true,
    placeholder: 'shop/svc/db',
  });
  const port = h('input', {
    type: 'text',
    id: 'query-port',
    placeholder: '5432, http, 53/udp; empty: which ports?',
  });
  const result = h('pre', { id: 'query-result', 'aria-live': 'polite', 'data-state': 'idle' });
  const form = h(
    'form',
    { class: 'controls', id: 'query-form' },
    h('label', {}, 'From', from),
    h('label', {}, 'To', to),
    h('label', {}, 'Port', port),
    h('button', { type: 'submit' }, 'Ask'),
  );
  root.append(
    h(
      'p',
      {},
      `Endpoints as on the command line: namespace/name, namespace/kind/name, namespace/svc/name, namespace/[k=v], an IP or CIDR, external. Default namespace: ${data.defaultNamespace}.`,
    ),
    names,
    form,
    result,
  );
  let base: { cluster: Cluster; engine: Engine } | undefined;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    result.dataset.state = 'busy';
    result.textContent = base === undefined ? 'compiling the cluster…' : 'asking…';
    // Let the browser paint the message before compiling.
    setTimeout(() => {
      if (base === undefined) {
        const cluster = decodeCluster(data.cluster);
        base = { cluster, engine: compile(cluster, data.semantics) };
      }
      const answer = ask(base, data, from.value.trim(), to.value.trim(), port.value.trim());
      result.textContent = answer.lines.join('\n');
      result.dataset.verdict = answer.verdict;
      result.dataset.state = 'done';
    }, 0);
  });
}

/** The CLI's answer lines for one query, or its error lines. */
function ask(
  base: { cluster: Cluster; engine: Engine },
  data: ReportData,
  fromText: string,
  toText: string,
  portText: string,
): { lines: string[]; verdict: string } {
  // As `reach query` does: hypothetical pods the endpoints name join the cluster first.
  const cluster = withHypotheticalPods(
    base.cluster,
    hypotheticalPodsOf([fromText, toText], data.defaultNamespace),
  );
  const engine = cluster === base.cluster ? base.engine : compile(cluster, data.semantics);
  const options = { defaultNamespace: data.defaultNamespace, clusterCidrs: [] };
  const from = resolveEndpoint(engine, fromText, options);
  const to = resolveEndpoint(engine, toText, options);
  if (!from.ok || !to.ok) {
    const issues = [...(from.ok ? [] : [from.issue]), ...(to.ok ? [] : [to.issue])];
    return {
      verdict: 'error',
      lines: issues.flatMap((issue) => [
        `error: ${issue.message}`,
        ...(issue.candidatesTitle === undefined
          ? []
          : [issue.candidatesTitle, ...issue.candidates.map((c) => `  ${c}`)]),
      ]),
    };
  }
  const evaluation = query(engine, from.endpoint, to.endpoint, {
    ...(portText === '' ? {} : { port: portText }),
    match: 'all',
    explain: true,
  });
  if (!evaluation.ok)
    return { verdict: 'error', lines: evaluation.issues.map((i) => `error: ${i.message}`) };
  const outcome = evaluation.outcome;
  return {
    verdict: outcome.allowed ? 'allowed' : 'denied',
    lines: queryLines(outcome, from.endpoint, to.endpoint, { explain: true, match: 'all' }),
  };
}
