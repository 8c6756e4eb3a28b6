import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadGenerated } from '../../test/properties/differential.js';
import { cluster } from '../arbitraries/index.js';
import { loadCluster } from '../parse/index.js';
import type { Engine, GroupBy } from '../query/index.js';
import { compile } from '../query/index.js';
import { connectionRowTexts, writeConnectionRowsJson } from './connection-rows-json.js';
import { CHUNK, collectingSink } from './sink.js';

const FIELDS = { unevaluated: [{ kind: 'Ingress', name: 'web' }] };

/** What `reach matrix -o json` printed before: the whole document from `eachConnection`. */
function expected(engine: Engine, by: GroupBy, fields = {}): string {
  const connections = [...engine.eachConnection(by)].map((c) => ({
    from: c.from,
    to: c.to,
    allowed: c.allowed,
  }));
  const doc = { apiVersion: 'v1', kind: 'ConnectivityList', connections, ...fields };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

async function written(engine: Engine, by: GroupBy, fields = {}): Promise<string> {
  const sink = collectingSink();
  await writeConnectionRowsJson(engine.connectionRows(by), { apiVersion: 'v1', fields }, sink);
  return sink.text();
}

describe('writeConnectionRowsJson', () => {
  it('writes exactly the JSON of the connection list, per pod and per workload', async () => {
    await fc.assert(
      fc.asyncProperty(
        cluster({ withIgnoredRules: true, withHostNetwork: true }),
        fc.constantFrom<GroupBy>('pod', 'workload'),
        fc.boolean(),
        async (manifests, by, withFields) => {
          const engine = compile(loadGenerated(manifests));
          const fields = withFields ? FIELDS : {};
          expect(await written(engine, by, fields)).toBe(expected(engine, by, fields));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('cuts a row longer than a chunk into several items, with the same text', async () => {
    // 700 pods and no policy: every row lists 699 pods and the address range, ~90k characters.
    const pods = Array.from({ length: 700 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod-${i}`, namespace: 'default' },
      spec: { containers: [{ name: 'c' }] },
    }));
    const engine = compile(loadCluster(JSON.stringify({ kind: 'List', items: pods })));
    const rows = engine.connectionRows('pod');
    const sources: number[] = [];
    const texts = [...connectionRowTexts(rows, (done) => sources.push(done))];
    expect(sources).toHaveLength(rows.peers.length + rows.ranges.length);
    expect(texts.length).toBeGreaterThan(rows.peers.length);
    expect(Math.max(...texts.map((t) => t.length))).toBeLessThan(CHUNK + 1000);
    expect(await written(engine, 'pod')).toBe(expected(engine, 'pod'));
  });

  it('writes an empty list when nothing is allowed', async () => {
    const text = [
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: default}\nspec: {containers: [{name: c}]}',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: default}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}',
    ].join('\n---\n');
    const engine = compile(loadCluster(text));
    expect(await written(engine, 'pod')).toBe(expected(engine, 'pod'));
    expect(await written(engine, 'pod')).toContain('"connections": []');
  });
});
