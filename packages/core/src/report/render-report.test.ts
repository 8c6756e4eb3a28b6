import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diff } from '../diff/index.js';
import { decodeCluster, encodeCluster } from '../page/index.js';
import { parseCluster } from '../parse/index.js';
import { compile } from '../query/index.js';
import { buildReportData } from './build-report-data.js';
import { renderReport } from './render-report.js';

const SEED = readFileSync(new URL('../../test/fixtures/seed.yaml', import.meta.url), 'utf8');

function seedEngine(text = SEED) {
  const parsed = parseCluster({ name: 'seed.yaml', text });
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  return compile(parsed.cluster);
}

/** The JSON of the page's data element. */
function dataOf(html: string): unknown {
  const match = /<script type="application\/json" id="reach-data">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(match?.[1] ?? 'null');
}

describe('renderReport', () => {
  it('forbids every network request and loads nothing from outside the page', () => {
    const html = renderReport(seedEngine(), { source: 'seed.yaml' });
    expect(html).toContain(
      `content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"`,
    );
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).toContain('<title>kube-reach report: seed.yaml</title>');
    expect(html).toContain('ipBlockMatchesPods=true, hostNetworkPods=node');
  });

  it('keeps a name that closes a script element inside the data', () => {
    const engine = seedEngine();
    const html = renderReport(engine, { source: '</script><script>alert(1)</script>' });
    expect(html.match(/<\/script>/g)?.length).toBe(2);
    expect((dataOf(html) as { source: string }).source).toBe('</script><script>alert(1)</script>');
  });

  it('embeds a cluster that decodes to the one compiled, Maps included', () => {
    const engine = seedEngine();
    const decoded = decodeCluster(encodeCluster(engine.cluster));
    const withoutSources = JSON.parse(
      JSON.stringify(engine.cluster, (k, v) =>
        k === 'source' ? undefined : v instanceof Map ? [...v] : v,
      ),
    );
    expect(JSON.parse(JSON.stringify(decoded, (_k, v) => (v instanceof Map ? [...v] : v)))).toEqual(
      withoutSources,
    );
    const pod = engine.pods[0];
    const other = engine.pods[1];
    if (pod === undefined || other === undefined) throw new Error('seed has pods');
    expect(compile(decoded).explain(pod, other, { port: 80 })).toEqual(
      engine.explain(pod, other, { port: 80 }),
    );
  });

  it('lists the diff against a base as reach diff does, by workload', () => {
    const head = seedEngine();
    const base = seedEngine(SEED.replace(/port: 80\b/g, 'port: 81'));
    const data = buildReportData(head, { source: 'head', base: { engine: base, source: 'base' } });
    expect(data.diff?.base).toBe('base');
    const expected = diff(base, head, { by: 'workload' });
    const pairs = (list: readonly { from: string; to: string }[]) =>
      list.map((e) => `${e.from} -> ${e.to}`);
    expect(
      expected.added.length + expected.removed.length + expected.changed.length,
    ).toBeGreaterThan(0);
    expect(pairs(data.diff?.added ?? [])).toEqual(pairs(expected.added));
    expect(pairs(data.diff?.removed ?? [])).toEqual(pairs(expected.removed));
    expect(pairs(data.diff?.changed ?? [])).toEqual(pairs(expected.changed));
  });

  it('lays out every workload at a finite position', () => {
    const data = buildReportData(seedEngine(), { source: 'seed.yaml' });
    expect(data.nodes.length).toBe(
      data.summary.workloads + (data.nodes.some((n) => n.name === 'external') ? 1 : 0),
    );
    for (const node of data.nodes) {
      expect(Number.isFinite(node.x) && Number.isFinite(node.y)).toBe(true);
    }
  });
});
