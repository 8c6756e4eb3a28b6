import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbClusterPair, loadRandom } from '../../test/support/random-policies.js';
import { compile } from '../query/index.js';
import { diffEngines } from './diff.js';
import { streamDiff } from './index.js';

const numRuns = Math.max(100, Math.floor((fc.readConfigureGlobal().numRuns ?? 1000) / 4));

describe('streamDiff', () => {
  it('gives the diff that enumerating every connection gives, with and without the clusters', () => {
    fc.assert(
      fc.property(arbClusterPair, fc.constantFrom('pod', 'workload' as const), ([x, y], by) => {
        const before = loadRandom(x);
        const after = loadRandom(y);
        const full = diffEngines(compile(before), compile(after), { by }, 'full');
        expect(streamDiff(compile(before), compile(after), { by })).toEqual(full);
        expect(
          streamDiff(compile(before), compile(after), { by, clusters: { before, after } }),
        ).toEqual(full);
      }),
      { numRuns },
    );
  });
});
