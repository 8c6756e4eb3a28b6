import { isIP } from 'node:net';
import type { Endpoint, Protocol } from '@kube-reach/core';

/**
 * One sentence of an example's README, as data: "`from` can (or cannot) reach `to` on
 * `port`/`protocol`, because ...". The example's test checks each claim against the reference
 * evaluator, and checks that the README shows exactly these commands with these verdicts.
 */
export interface Claim {
  /** As typed on the command line: `namespace/name`, `namespace/deployment/name` or an IP. */
  readonly from: string;
  readonly to: string;
  readonly port: number;
  /** TCP when absent, as in the CLI. */
  readonly protocol?: Protocol;
  readonly allowed: boolean;
  /** The reason in a few words; the README says the same at more length. */
  readonly because: string;
}

/**
 * Reads an endpoint the way the CLI does: an IP address, or `namespace/name` where the name
 * may itself contain a `/` (`production/deployment/web` is the pod template of Deployment
 * `web` in `production`).
 */
export function parseEndpoint(text: string): Endpoint {
  if (isIP(text) !== 0) return { address: text };
  const slash = text.indexOf('/');
  if (slash <= 0 || slash === text.length - 1) {
    throw new Error(`endpoint ${JSON.stringify(text)} is neither an IP nor namespace/name`);
  }
  return { namespace: text.slice(0, slash), name: text.slice(slash + 1) };
}

/** The `reach query` command that asks the claim's question about the example in `dir`. */
export function claimCommand(dir: string, claim: Claim): string {
  const protocol =
    claim.protocol && claim.protocol !== 'TCP' ? ` --protocol ${claim.protocol}` : '';
  return `reach query -f ${dir} ${claim.from} ${claim.to} --port ${claim.port}${protocol}`;
}

/** A test title for the claim: `ops/ci-runner -> production/deployment/web TCP/80: allowed`. */
export function claimTitle(claim: Claim): string {
  const verdict = claim.allowed ? 'allowed' : 'denied';
  return `${claim.from} -> ${claim.to} ${claim.protocol ?? 'TCP'}/${claim.port}: ${verdict}`;
}

/** How a claim's command appears in the README: the command, then its verdict as a comment. */
export function claimLine(dir: string, claim: Claim): string {
  const verdict = claim.allowed ? 'allowed (exit 0)' : 'denied (exit 1)';
  return `${claimCommand(dir, claim)}  # ${verdict}`;
}

/**
 * Every `reach query -f <dir>` line of a README, whitespace-normalised, in order. Lines that
 * merely mention `reach query` in prose do not start with it and are left out.
 */
export function readmeQueryLines(readme: string, dir: string): string[] {
  const prefix = `reach query -f ${dir} `;
  return readme
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(prefix))
    .map((line) => {
      const hash = line.indexOf('#');
      return hash === -1
        ? line.replace(/\s+/g, ' ')
        : `${line.slice(0, hash).trim().replace(/\s+/g, ' ')}  ${line.slice(hash).trim()}`;
    });
}
