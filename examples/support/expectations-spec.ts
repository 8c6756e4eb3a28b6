import { describe, expect, it } from 'vitest';
import type { Claim } from './claims.js';
import { runReach } from './run-reach.js';

interface ResultDoc {
  readonly from: string;
  readonly to: string;
  readonly traffic: string | null;
  readonly expect: 'allow' | 'deny';
  readonly result: 'pass' | 'fail' | 'error';
}

/**
 * The checks every example's `tests/expectations.yaml` must pass: `reach test` holds against
 * the example, and the file starts with the README's claims, one for one and in order.
 */
export function expectationsSpec(dir: string, claims: readonly Claim[]): void {
  const spec = `${dir}/tests/expectations.yaml`;
  describe(`reach test ${spec}`, () => {
    it('passes against the example, and says so on its last line', async () => {
      const run = await runReach(`reach test ${spec} -f ${dir}`);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
    });

    it('starts with the README claims, one for one and in order', async () => {
      const run = await runReach(`reach test ${spec} -f ${dir} -o json`);
      const results = (JSON.parse(run.stdout) as { results: ResultDoc[] }).results;
      const asClaims = results.slice(0, claims.length).map((r) => ({
        from: r.from,
        to: r.to,
        traffic: r.traffic,
        allowed: r.expect === 'allow',
      }));
      expect(asClaims).toEqual(
        claims.map((c) => ({
          from: c.from,
          to: c.to,
          traffic: `${c.protocol ?? 'TCP'}/${c.port}`,
          allowed: c.allowed,
        })),
      );
    });
  });
}
