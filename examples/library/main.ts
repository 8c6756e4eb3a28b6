// `reach query -f examples/shop -n shop deploy/web svc/db --port 5432 --explain`, through the
// library alone: load, compile, query(), then print what the CLI prints.

import { fileURLToPath } from 'node:url';
import type { QueryOutcome } from '@kube-reach/core';
import { compile, formatAssumptions, formatExplanation, query } from '@kube-reach/core';
import { loadClusterFromPaths } from '@kube-reach/core/node';

/** The answer and the text `reach query ... --explain` prints for it. */
export interface LibraryAnswer {
  readonly allowed: boolean;
  readonly text: string;
}

/**
 * Asks whether the shop's web Deployment may reach its database through the `db` Service on
 * port 5432, with the reasons.
 *
 * @param dir - the manifests (default: examples/shop)
 */
export async function webToDb(
  dir: string = fileURLToPath(new URL('../shop', import.meta.url)),
): Promise<LibraryAnswer> {
  const loaded = await loadClusterFromPaths([dir]);
  if (!loaded.ok) throw new Error(`${dir} does not load: ${loaded.issues.length} issues`);
  const engine = compile(loaded.cluster);
  const result = query(engine, 'deploy/web', 'svc/db', {
    defaultNamespace: 'shop',
    port: 5432,
    explain: true,
  });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '));
  return { allowed: result.outcome.allowed, text: render(result.outcome) };
}

/** The CLI's table rendering of a one-port query whose pairs all agree. */
function render(outcome: QueryOutcome): string {
  const verdict = outcome.allowed ? 'allowed' : 'denied';
  const lines = [
    outcome.allowed ? 'yes' : 'no',
    `${outcome.from.name} -> ${outcome.to.name} ${outcome.trafficText}: ${verdict}`,
    ...[...outcome.from.notes, ...outcome.to.notes, ...outcome.notes].map((n) => `note: ${n}`),
  ];
  const explained = outcome.pairs.flatMap((p) => (p.explanation ? [p] : []));
  for (const pair of explained) {
    if (pair.explanation === undefined) continue;
    const text = formatExplanation(pair.explanation);
    lines.push(explained.length === 1 ? text : `${pair.from.name} -> ${pair.to.name}: ${text}`);
  }
  const first = explained[0]?.explanation;
  if (first !== undefined) lines.push(formatAssumptions(first));
  return `${lines.join('\n')}\n`;
}
