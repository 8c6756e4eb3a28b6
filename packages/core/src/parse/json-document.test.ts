import fc from 'fast-check';
import { dump, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { cluster, clusterToList } from '../arbitraries/index.js';
import { parseJsonDocument } from './json-document.js';
import { parseCluster } from './parse-cluster.js';
import { MAX_DEPTH, parseDocuments } from './parse-documents.js';

/** Every object and array in a value, with a way to replace one of its entries. */
function slots(root: unknown): { holder: Record<string, unknown> | unknown[]; key: string }[] {
  const out: { holder: Record<string, unknown> | unknown[]; key: string }[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    for (const key of Object.keys(value)) {
      out.push({ holder: value as Record<string, unknown>, key });
      stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return out;
}

const arbBroken = fc
  .tuple(
    cluster({ withIgnoredRules: true }),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom<unknown>(42, 'x', null, [], {}, '10.0.0.0/33', -1, true, { a: 1 }),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([c, edits]) => {
    // A copy to break: some fields get values of the wrong type or shape.
    const list = JSON.parse(JSON.stringify(clusterToList(c))) as unknown;
    for (const [at, value] of edits) {
      const all = slots(list);
      const slot = all[at % all.length];
      if (slot) (slot.holder as Record<string, unknown>)[slot.key] = value;
    }
    return list;
  });

describe('parseJsonDocument', () => {
  it('reads a JSON manifest into the cluster and issues (codes, paths, lines) YAML gives', () => {
    fc.assert(
      fc.property(arbBroken, (list) => {
        const text = JSON.stringify(list, null, 2);
        expect(parseJsonDocument(text, MAX_DEPTH)?.value).toEqual(list);
        const fromJson = parseCluster({ name: 'cluster.yaml', text });
        const fromYaml = parseCluster({ name: 'cluster.yaml', text: dump(list) });
        expect(fromJson).toEqual(fromYaml);
      }),
      { numRuns: 200 },
    );
  });

  it('takes strings whole: quotes, colons and brackets inside them are text', () => {
    const text = '\n\n  {"a": "x\\": [{", "b": ["]", "}", ":"], "c\\\\": {"d": "\\u00e9"}}';
    expect(parseJsonDocument(text, MAX_DEPTH)).toEqual({ value: load(text), line: 3 });
  });

  it('leaves to YAML what JSON.parse would read differently, and what is not JSON', () => {
    const duplicate = '{\n  "kind": "Pod",\n  "kind": "Service"\n}';
    expect(parseJsonDocument(duplicate, MAX_DEPTH)).toBeUndefined();
    const issues = parseDocuments({ name: 'a.json', text: duplicate }).issues;
    expect(issues).toMatchObject([{ code: 'yaml-syntax', line: 3 }]);
    expect(issues[0]?.message).toContain('duplicated mapping key');

    const deep = `${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}`;
    expect(parseJsonDocument(deep, MAX_DEPTH)).toBeUndefined();
    expect(parseDocuments({ name: 'a.json', text: deep }).issues).toMatchObject([
      { code: 'input-too-large' },
    ]);

    for (const text of ['{a: 1}', 'kind: Pod', '{"a": 1}\n---\n{"b": 2}', '{"a": 1', '"x"']) {
      expect(parseJsonDocument(text, MAX_DEPTH), text).toBeUndefined();
    }
  });
});
