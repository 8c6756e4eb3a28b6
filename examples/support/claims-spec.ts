import { readFile } from 'node:fs/promises';
import type { Cluster } from '@kube-reach/core';
import { referenceCanReach } from '@kube-reach/core/reference';
import { describe, expect, it } from 'vitest';
import type { Claim } from './claims.js';
import { claimCommand, claimLine, claimTitle, parseEndpoint, readmeQueryLines } from './claims.js';
import { runReach } from './run-reach.js';

/**
 * The checks every example's claims must pass: each holds under the reference evaluator, each
 * README command exits as the claim says, and the README lists exactly these claims, in order.
 */
export function claimsSpec(
  dir: string,
  claims: readonly Claim[],
  load: () => Promise<{ readonly cluster: Cluster }>,
  readmeUrl: URL,
): void {
  for (const claim of claims) {
    it(claimTitle(claim), async () => {
      const { cluster } = await load();
      const traffic = { port: claim.port, protocol: claim.protocol ?? 'TCP' };
      const from = parseEndpoint(claim.from);
      const to = parseEndpoint(claim.to);
      expect(referenceCanReach(cluster, from, to, traffic), claim.because).toBe(claim.allowed);
    });
  }

  describe('the README commands, run through the reach CLI', () => {
    for (const claim of claims) {
      const command = claimCommand(dir, claim);
      it(`${command} exits ${claim.allowed ? 0 : 1}`, async () => {
        const run = await runReach(command);
        expect(run.code, `${run.stdout}${run.stderr}`).toBe(claim.allowed ? 0 : 1);
      });
    }
  });

  it('README shows exactly these claims, in order, with their verdicts', async () => {
    const readme = await readFile(readmeUrl, 'utf8');
    expect(readmeQueryLines(readme, dir)).toEqual(claims.map((claim) => claimLine(dir, claim)));
  });
}
