// The expectations-file parser, on any valid file and on any file one mistake away from valid:
// valid files read the same from YAML as from JSON and give back what they say; a mistake is
// reported with the entry's path, and nothing makes the parser throw.
import { loadCluster } from '@kube-reach/core';
import { endpointText } from '@kube-reach/core/arbitraries';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseExpectations } from '../src/expectations.js';
import { SEED_YAML, SHOP_YAML } from './support/fixtures.js';

/** Endpoints in the grammar of `reach test`, naming what these clusters hold. */
const arbEndpoint = fc.oneof(
  endpointText(loadCluster(SEED_YAML)),
  endpointText(loadCluster(SHOP_YAML)),
);

const arbPort = fc.oneof(
  fc.integer({ min: 1, max: 65535 }),
  fc.constantFrom('http', 'dns-tcp', 'metrics'),
  fc.integer({ min: 1, max: 65535 }).map((p) => `${p}/udp`),
  fc
    .tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 0, max: 100 }))
    .map(([p, n]) => `${p}-${Math.min(65535, p + n)}`),
);

/** One valid entry: required fields, and any of the optional ones. */
const arbEntry = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 12 }),
    from: arbEndpoint,
    to: arbEndpoint,
    port: arbPort,
    expect: fc.constantFrom('allow', 'deny'),
    match: fc.constantFrom('any', 'all'),
  },
  { requiredKeys: ['from', 'to', 'expect'] },
);

/** A valid file: one to three documents, each a non-empty list. */
const arbDocs = fc.array(fc.array(arbEntry, { minLength: 1, maxLength: 4 }), {
  minLength: 1,
  maxLength: 3,
});

/** An optional settings document: labels for one or two namespaces. */
const arbSettings = fc.option(
  fc.dictionary(
    fc.constantFrom('shop', 'ops', 'dev'),
    fc.dictionary(fc.constantFrom('team', 'env', 'app.kubernetes.io/part-of'), fc.string(), {
      minKeys: 1,
      maxKeys: 2,
    }),
    { minKeys: 1, maxKeys: 2 },
  ),
  { nil: undefined },
);

function yamlOf(docs: readonly unknown[]): string {
  return docs.map((d) => dump(d, { noRefs: true })).join('---\n');
}

describe('expectations files (property)', () => {
  it('valid files read the same from YAML and JSON, and give back their entries', () => {
    fc.assert(
      fc.property(arbDocs, arbSettings, (docs, labels) => {
        const all = labels === undefined ? docs : [{ namespaceLabels: labels }, ...docs];
        const fromYaml = parseExpectations('spec.yaml', yamlOf(all));
        const fromJson = parseExpectations(
          'spec.yaml',
          all.map((d) => JSON.stringify(d)).join('\n---\n'),
        );
        expect(fromYaml).toEqual(fromJson);
        if (!fromYaml.ok) throw new Error(fromYaml.problems.join('\n'));
        expect(fromYaml.namespaceLabels).toEqual(
          labels === undefined
            ? undefined
            : Object.fromEntries(
                Object.entries(labels).map(([ns, l]) => [ns, new Map(Object.entries(l))]),
              ),
        );
        const entries = docs.flat();
        expect(fromYaml.expectations).toHaveLength(entries.length);
        fromYaml.expectations.forEach((e, i) => {
          const entry = entries[i];
          if (entry === undefined) throw new Error('unreachable');
          expect([e.from, e.to, e.expect, e.match]).toEqual([
            entry.from,
            entry.to,
            entry.expect,
            entry.match,
          ]);
          if (entry.name !== undefined) expect(e.name).toBe(entry.name);
          expect(e.port === undefined).toBe(entry.port === undefined);
          expect(e.protocol).toBe(
            typeof entry.port === 'string' && entry.port.endsWith('/udp') ? 'UDP' : 'TCP',
          );
          expect(e.file).toBe('spec.yaml');
        });
      }),
    );
  });

  // A value of the wrong type for every field: no field takes a boolean, null, list or object.
  const arbWrong = fc.oneof(
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 2 }),
    fc.dictionary(fc.constantFrom('a', 'b'), fc.integer(), { maxKeys: 2 }),
  );
  type Mutation =
    | { kind: 'wrong'; field: string; value: unknown }
    | { kind: 'missing'; field: string }
    | { kind: 'unknown'; field: string }
    | { kind: 'scalar'; value: unknown };
  const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({
      kind: fc.constant('wrong' as const),
      field: fc.constantFrom('name', 'from', 'to', 'port', 'protocol', 'expect', 'match'),
      value: arbWrong,
    }),
    fc.record({
      kind: fc.constant('missing' as const),
      field: fc.constantFrom('from', 'to', 'expect'),
    }),
    fc.record({
      kind: fc.constant('unknown' as const),
      field: fc.constantFrom('ports', 'expected', 'From', 'namespaceLabels'),
    }),
    fc.record({ kind: fc.constant('scalar' as const), value: fc.oneof(fc.integer(), arbWrong) }),
  );

  it('one mistake gives problems with the entry path and the field, never a throw', () => {
    fc.assert(
      fc.property(arbDocs, fc.nat(), fc.nat(), arbMutation, (docs, d0, i0, mutation) => {
        const d = d0 % docs.length;
        const doc = docs[d] ?? [];
        const i = i0 % doc.length;
        const entry: Record<string, unknown> = { ...doc[i] };
        let bad: unknown = entry;
        if (mutation.kind === 'wrong') entry[mutation.field] = mutation.value;
        else if (mutation.kind === 'missing') delete entry[mutation.field];
        else if (mutation.kind === 'unknown') entry[mutation.field] = 'x';
        else bad = mutation.value;
        const mutated = docs.map((list, k) =>
          k === d ? list.map((e, j) => (j === i ? bad : e)) : list,
        );
        const result = parseExpectations('spec.yaml', yamlOf(mutated));
        expect(result.ok).toBe(false);
        if (result.ok) return;
        const where = `spec.yaml: ${docs.length > 1 ? `document ${d + 1} ` : ''}[${i}]`;
        // An entry replaced by a non-entry may be reported as a whole or by its missing fields.
        const at =
          mutation.kind === 'scalar'
            ? [`${where}: `, `${where}.`]
            : [`${where}.${mutation.field}: `];
        expect(result.problems.some((p) => at.some((a) => p.startsWith(a)))).toBe(true);
        for (const p of result.problems) expect(p).toMatch(/^spec\.yaml: /);
      }),
    );
  });

  it('never throws on any YAML text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.anything().map((v) => dump(v, { skipInvalid: true })),
        ),
        (text) => {
          const result = parseExpectations('spec.yaml', text);
          if (!result.ok) for (const p of result.problems) expect(p).toMatch(/^spec\.yaml/);
        },
      ),
    );
  });
});
