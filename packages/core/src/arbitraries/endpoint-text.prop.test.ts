import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadGenerated } from '../../test/properties/differential.js';
import { query, resolveEndpoint } from '../endpoint/index.js';
import { parseCluster } from '../parse/index.js';
import { compile } from '../query/index.js';
import { reachMatchers } from '../vitest/index.js';
import { cluster } from './cluster.js';
import { endpointText, textFlow } from './endpoint-text.js';

describe('endpointText', () => {
  it('writes only texts that resolve, in every spelling', () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(
        cluster({ withControllers: true, maxPolicies: 1 }).chain((manifests) => {
          const parsed = loadGenerated(manifests);
          return fc.tuple(fc.constant(parsed), fc.array(endpointText(parsed), { minLength: 1 }));
        }),
        ([parsed, texts]) => {
          const engine = compile(parsed);
          for (const text of texts) {
            const resolved = resolveEndpoint(engine, text);
            if (!resolved.ok) expect.fail(`${text}: ${resolved.issue.message}`);
            kinds.add(resolved.endpoint.kind);
          }
        },
      ),
      { numRuns: 300 },
    );
    expect([...kinds].sort()).toEqual(['address', 'hypothetical', 'pod', 'workload']);
  });

  it('makes flows the matchers answer as query() does', () => {
    expect.extend(reachMatchers);
    fc.assert(
      fc.property(
        cluster({ withControllers: true }).chain((m) => {
          const parsed = loadGenerated(m);
          return fc.tuple(fc.constant(parsed), textFlow(parsed));
        }),
        ([parsed, flow]) => {
          const engine = compile(parsed);
          const result = query(engine, flow.from, flow.to, flow);
          if (!result.ok) expect.fail(result.issues.map((i) => i.message).join('; '));
          if (result.outcome.allowed) expect(engine).toAllow(flow);
          else expect(engine).not.toAllow(flow);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('endpointText and nodes', () => {
  it('writes node texts, in each spelling, that resolve to the node', () => {
    const parsed = parseCluster(
      'apiVersion: v1\nkind: Node\nmetadata: {name: worker-1}\nstatus: {addresses: [{type: InternalIP, address: 10.0.0.5}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: shop}\nspec: {nodeName: worker-1, containers: [{name: c}]}',
    );
    if (!parsed.ok) throw new Error('does not parse');
    const engine = compile(parsed.cluster);
    const texts = fc
      .sample(endpointText(parsed.cluster), 200)
      .filter((t) => /^no(de|des)?\/w/.test(t));
    expect(new Set(texts)).toEqual(new Set(['node/worker-1', 'nodes/worker-1', 'no/worker-1']));
    for (const text of texts) {
      const resolved = resolveEndpoint(engine, text);
      expect(resolved.ok && resolved.endpoint.kind).toBe('node');
    }
  });
});
