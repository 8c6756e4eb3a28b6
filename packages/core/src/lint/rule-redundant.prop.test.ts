import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbRandomCluster, loadRandom, sampleSides } from '../../test/support/random-policies.js';
import type { Cluster } from '../model/index.js';
import { compile } from '../query/index.js';
import { lint } from './index.js';

/** Each run compiles and explains a cluster many times: a tenth of the global run count. */
const numRuns = Math.max(50, Math.floor((fc.readConfigureGlobal().numRuns ?? 1000) / 10));

/** The cluster without the rules at the given `namespace/name spec.<direction>[i]` sites. */
function withoutRules(cluster: Cluster, sites: ReadonlySet<string>): Cluster {
  return {
    ...cluster,
    policies: cluster.policies.map((p) => ({
      ...p,
      ingress: p.ingress.filter(
        (_, i) => !sites.has(`${p.namespace}/${p.name} spec.ingress[${i}]`),
      ),
      egress: p.egress.filter((_, i) => !sites.has(`${p.namespace}/${p.name} spec.egress[${i}]`)),
    })),
  };
}

describe('rule-redundant', () => {
  it('removing every reported rule together changes no answer', () => {
    fc.assert(
      fc.property(arbRandomCluster, (random) => {
        const cluster = loadRandom(random);
        const sites = new Set(
          lint(cluster)
            .filter((f) => f.code === 'rule-redundant')
            .map((f) => `${f.object.namespace}/${f.object.name} ${f.path}`),
        );
        if (sites.size === 0) return;
        expect(sampleSides(compile(withoutRules(cluster, sites)))).toEqual(
          sampleSides(compile(cluster)),
        );
      }),
      { numRuns },
    );
  });

  it('a rule left unreported either changes some answer or admits nothing by itself', () => {
    fc.assert(
      fc.property(arbRandomCluster, (random) => {
        const original = loadRandom(random);
        const reported = new Set(
          lint(original)
            .filter((f) => f.code === 'rule-redundant')
            .map((f) => `${f.object.namespace}/${f.object.name} ${f.path}`),
        );
        const cluster = withoutRules(original, reported);
        const answers = sampleSides(compile(cluster));
        for (const p of cluster.policies) {
          for (const direction of ['ingress', 'egress'] as const) {
            if (!p.policyTypes.includes(direction === 'ingress' ? 'Ingress' : 'Egress')) continue;
            p[direction].forEach((rule, i) => {
              const site = `${p.namespace}/${p.name} spec.${direction}[${i}]`;
              const without = sampleSides(compile(withoutRules(cluster, new Set([site]))));
              if (without.join('\n') !== answers.join('\n')) return;
              // Removing it changed nothing: then the rule alone must admit nothing.
              const alone = (rules: typeof p.ingress): Cluster => ({
                ...cluster,
                policies: [{ ...p, ingress: [], egress: [], [direction]: rules }],
              });
              expect(sampleSides(compile(alone([rule])))).toEqual(sampleSides(compile(alone([]))));
            });
          }
        }
      }),
      { numRuns },
    );
  });
});
