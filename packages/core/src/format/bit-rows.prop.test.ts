import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arbRandomCluster,
  loadRandom,
  SAMPLE_TRAFFIC,
} from '../../test/support/random-policies.js';
import type { Bitset } from '../bitset/index.js';
import { compile } from '../query/index.js';
import { bitRowJson } from './grouped-matrix.js';
import { bitRowJsonLines, booleanRowJson } from './json.js';
import { writeGroupMatrix } from './matrix.js';
import { collectingSink } from './sink.js';

/** Bit rows must say what the boolean rows say, and print (`json`) as `text` of the cells. */
function expectSameRows(
  rows: readonly (readonly boolean[])[],
  bits: readonly Bitset[],
  json: (row: Bitset) => string,
  text: (cells: readonly boolean[]) => string,
): void {
  expect(bits).toHaveLength(rows.length);
  bits.forEach((row, i) => {
    const cells = rows[i] ?? [];
    expect(Array.from({ length: row.size }, (_, j) => row.has(j))).toEqual(cells);
    expect(json(row)).toBe(text(cells));
  });
}

describe('per-pod matrix bit rows', () => {
  it('say what the boolean rows say, and write the same json and ndjson', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbRandomCluster,
        fc.constantFrom(...SAMPLE_TRAFFIC),
        fc.constantFrom('pod', 'workload' as const),
        async (c, traffic, by) => {
          const m = compile(loadRandom(c)).groupMatrixRows(traffic, by);
          expectSameRows(
            [...m.rows],
            [...(m.bitRows ?? [])],
            (row) => bitRowJsonLines(row, '  '),
            (cells) => booleanRowJson(cells, '  '),
          );
          const { bitRows: _, ...plain } = m;
          for (const format of ['json', 'ndjson'] as const) {
            const fast = collectingSink();
            const slow = collectingSink();
            await writeGroupMatrix(m, { format, apiVersion: 'v1' }, fast);
            await writeGroupMatrix(plain, { format, apiVersion: 'v1' }, slow);
            expect(fast.text()).toBe(slow.text());
          }
        },
      ),
    );
  });
});

describe('grouped matrix bit rows', () => {
  it('say what the boolean rows say, and print as they do', () => {
    fc.assert(
      fc.property(
        arbRandomCluster,
        fc.constantFrom(...SAMPLE_TRAFFIC),
        fc.constantFrom('pod', 'workload' as const),
        (c, traffic, by) => {
          const m = compile(loadRandom(c)).groupedMatrixRows(traffic, by);
          expectSameRows(
            [...m.rows],
            [...(m.bitRows ?? [])],
            bitRowJson,
            (cells) => `[${cells.join(',')}]`,
          );
        },
      ),
    );
  });

  it('print every length and pattern as join does', () => {
    // Whole words of one value (the common case a faster path takes) as well as mixed ones.
    const word = fc.oneof(
      fc.constant(0),
      fc.constant(0xffffffff),
      fc.integer({ min: 0, max: 0xffffffff }),
    );
    const arbCells = fc
      .tuple(fc.array(word, { maxLength: 4 }), fc.array(fc.boolean(), { maxLength: 40 }))
      .map(([whole, tail]) => [
        ...whole.flatMap((w) => Array.from({ length: 32 }, (_, b) => ((w >>> b) & 1) === 1)),
        ...tail,
      ]);
    fc.assert(
      fc.property(arbCells, (cells) => {
        const words = new Uint32Array(Math.ceil(cells.length / 32));
        cells.forEach((on, i) => {
          if (on) words[i >>> 5] = (words[i >>> 5] as number) | (1 << (i & 31));
        });
        const row = { size: cells.length, words, has: (i: number) => cells[i] === true };
        expect(bitRowJson(row)).toBe(`[${cells.join(',')}]`);
      }),
    );
  });
});
