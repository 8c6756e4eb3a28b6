import { describe, expect, it } from 'vitest';
import { runReach } from '../../support/run-reach.js';
import { SEED_DIR, seedClaims } from '../claims.js';

const SPEC = `${SEED_DIR}/tests/expectations.yaml`;

interface ResultDoc {
  readonly from: string;
  readonly to: string;
  readonly traffic: string | null;
  readonly expect: 'allow' | 'deny';
  readonly result: 'pass' | 'fail' | 'error';
}

describe(`reach test ${SPEC}`, () => {
  it('passes against the example, and says so on its last line', async () => {
    const run = await runReach(`reach test ${SPEC} -f ${SEED_DIR}`);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
  });

  it('starts with the README claims, one for one and in order', async () => {
    const run = await runReach(`reach test ${SPEC} -f ${SEED_DIR} -o json`);
    const results = (JSON.parse(run.stdout) as { results: ResultDoc[] }).results;
    const asClaims = results.slice(0, seedClaims.length).map((r) => ({
      from: r.from,
      to: r.to,
      traffic: r.traffic,
      allowed: r.expect === 'allow',
    }));
    expect(asClaims).toEqual(
      seedClaims.map((c) => ({
        from: c.from,
        to: c.to,
        traffic: `${c.protocol ?? 'TCP'}/${c.port}`,
        allowed: c.allowed,
      })),
    );
  });
});
