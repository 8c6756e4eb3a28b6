import { compile, parseCluster } from '@kube-reach/core';
import { describe, expect, it } from 'vitest';
import { generateCluster, PROFILE_NAMES } from './src/generate.js';
import { compareWithReference, sampleQueries } from './src/sample.js';

describe('synthetic clusters', () => {
  it('are the same bytes for the same seed, and differ for another seed', () => {
    const a = generateCluster({ profile: 'typical', pods: 400, seed: 3 });
    const b = generateCluster({ profile: 'typical', pods: 400, seed: 3 });
    const c = generateCluster({ profile: 'typical', pods: 400, seed: 4 });
    expect(a.sources).toEqual(b.sources);
    expect(a.sources).not.toEqual(c.sources);
  });

  for (const profile of PROFILE_NAMES) {
    it(`${profile}: parses cleanly and the engine agrees with the reference`, () => {
      // Profiles whose default policy count is large get 400, so the reference check stays short.
      const policies = ['antrea-all-select', 'ipblock-heavy'].includes(profile) ? 400 : undefined;
      const generated = generateCluster({ profile, pods: 500, ...(policies ? { policies } : {}) });
      const parsed = parseCluster(generated.sources);
      if (!parsed.ok)
        throw new Error(
          parsed.issues
            .slice(0, 3)
            .map((i) => i.message)
            .join('; '),
        );
      expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(parsed.cluster.pods).toHaveLength(500);
      expect(parsed.cluster.policies).toHaveLength(generated.policies);
      const engine = compile(parsed.cluster);
      const queries = sampleQueries(engine.pods, generated.traffic, 600);
      const result = compareWithReference(parsed.cluster, engine, queries);
      expect(result.mismatch).toBeUndefined();
      expect(result.agree).toBe(true);
    });
  }
});
