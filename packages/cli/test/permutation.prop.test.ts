// Input order never changes an answer: the same objects, with the documents of each file
// shuffled and the files given in another order, give the same cluster model, the same
// `reach matrix -o json` and the same `reach lint -o json`. Only where an object was found (its
// document index) may differ, so that is left out of the comparison.
import type { ManifestSource } from '@kube-reach/core';
import { parseCluster } from '@kube-reach/core';
import { cluster, clusterToList } from '@kube-reach/core/arbitraries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { memoryIo } from './support/memory-io.js';

const FILES = 3;

/** Objects spread over files, and a second arrangement: each file's documents and the files shuffled. */
const arbCase = cluster({ withControllers: true, maxPolicies: 4 })
  .map((c) => clusterToList(c).items as object[])
  .chain((items) =>
    fc.record({
      items: fc.constant(items),
      fileOf: fc.array(fc.nat(FILES - 1), { minLength: items.length, maxLength: items.length }),
      docKeys: fc.array(fc.double({ noNaN: true }), {
        minLength: items.length,
        maxLength: items.length,
      }),
      fileKeys: fc.array(fc.double({ noNaN: true }), { minLength: FILES, maxLength: FILES }),
    }),
  );

interface Arrangement {
  /** File name -> text. */
  readonly files: Record<string, string>;
  /** The files in the order given to the reader. */
  readonly order: readonly string[];
}

function arrange(
  items: readonly object[],
  fileOf: readonly number[],
  docKeys?: readonly number[],
  fileKeys?: readonly number[],
): Arrangement {
  const names = Array.from({ length: FILES }, (_, f) => `m/f${f}.yaml`);
  const files: Record<string, string> = {};
  names.forEach((name, f) => {
    const mine = items.map((item, i) => ({ item, i })).filter(({ i }) => fileOf[i] === f);
    if (docKeys !== undefined) mine.sort((a, b) => (docKeys[a.i] ?? 0) - (docKeys[b.i] ?? 0));
    // An empty file is a valid source with no documents: kept, so both arrangements read the same files.
    files[name] = mine.map(({ item }) => JSON.stringify(item)).join('\n---\n');
  });
  const order =
    fileKeys === undefined
      ? names
      : names
          .map((name, f) => ({ name, key: fileKeys[f] ?? 0 }))
          .sort((a, b) => a.key - b.key)
          .map((e) => e.name);
  return { files, order };
}

/** JSON of a value without document indexes; Maps as their entries. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) =>
    key === 'doc' || key === 'item' ? undefined : v instanceof Map ? [...v] : v,
  );
}

async function reach(argv: readonly string[], a: Arrangement): Promise<[number, string]> {
  const io = memoryIo(a.files);
  const fileArgs = a.order.flatMap((f) => ['-f', f]);
  const code = await main([...argv, ...fileArgs, '--allow-empty'], io);
  return [code, io.out];
}

describe('input order (property)', () => {
  it('never changes the cluster model, the matrix or the lint report', async () => {
    await fc.assert(
      fc.asyncProperty(arbCase, async ({ items, fileOf, docKeys, fileKeys }) => {
        const plain = arrange(items, fileOf);
        const shuffled = arrange(items, fileOf, docKeys, fileKeys);
        const sources = (a: Arrangement): ManifestSource[] =>
          a.order.map((name) => ({ name, text: a.files[name] ?? '' }));
        const before = parseCluster(sources(plain));
        const after = parseCluster(sources(shuffled));
        expect(canonical(after.ok && after.cluster)).toBe(canonical(before.ok && before.cluster));
        const issues = (r: typeof before): string[] => r.issues.map(canonical).sort();
        expect(issues(after)).toEqual(issues(before));

        for (const argv of [
          ['matrix', '-o', 'json'],
          ['matrix', '-o', 'json', '--by', 'workload', '--port', '80'],
          ['lint', '-o', 'json'],
        ]) {
          const [codeBefore, outBefore] = await reach(argv, plain);
          const [codeAfter, outAfter] = await reach(argv, shuffled);
          expect(codeAfter).toBe(codeBefore);
          expect(canonical(JSON.parse(outAfter))).toBe(canonical(JSON.parse(outBefore)));
        }
      }),
      { numRuns: 40 },
    );
  });
});
