import type { PairResult, QueryOutcome } from '@kube-reach/core';
import {
  formatAssumptions,
  formatConnectionSet,
  formatExplanation,
  pairWord,
  query,
} from '@kube-reach/core';
import { painter } from '../color.js';
import type { QueryCommand } from '../command.js';
import { API_VERSION, ExitCode } from '../command.js';
import type { Io } from '../io.js';
import { printEndpointError, printErrors } from '../print.js';
import { createProgress } from '../progress.js';
import { writeDocument } from '../render.js';
import { openSession } from '../session.js';

/** Pairs listed when the pods behind an endpoint disagree; the rest are counted. */
const MAX_LISTED_PAIRS = 20;

/**
 * `reach query`: with a port, exit 0 when allowed and 1 when denied; without, print the
 * connections and exit 0 when there are any, 1 when none; 2 for invalid input.
 */
export async function runQuery(cmd: QueryCommand, io: Io): Promise<number> {
  const progress = createProgress(io, cmd.quiet);
  const session = await openSession(io, cmd, [cmd.from, cmd.to], progress);
  if (typeof session === 'number') return session;

  const from = session.resolve(cmd.from);
  const to = session.resolve(cmd.to);
  if (!from.ok || !to.ok) {
    if (!from.ok) printEndpointError(io, from.issue);
    if (!to.ok) printEndpointError(io, to.issue);
    return ExitCode.invalid;
  }
  const evaluation = query(session.engine, from.endpoint, to.endpoint, {
    ...(cmd.port === undefined ? {} : { port: cmd.port }),
    protocol: cmd.protocol,
    match: cmd.match,
    explain: cmd.explain,
  });
  if (!evaluation.ok)
    return printErrors(
      io,
      evaluation.issues.map((i) => i.message),
    );
  const outcome = evaluation.outcome;
  const code = outcome.allowed ? ExitCode.ok : ExitCode.denied;
  if (cmd.quiet) return code;

  const notes = [
    ...[...from.endpoint.notes, ...to.endpoint.notes, ...outcome.notes].map(
      (note) => `note: ${note}`,
    ),
    ...pairNotes(outcome, cmd.match),
  ];
  if (cmd.output === 'table') {
    const paint = painter(io, cmd.color);
    const verdict = outcome.allowed ? paint.green : paint.red;
    const head = `${outcome.from.name} -> ${outcome.to.name}`;
    if (outcome.asked === 'none') {
      io.stdout(`${head}: ${verdict(formatConnectionSet(outcome.connections ?? {}))}\n`);
    } else {
      io.stdout(`${verdict(outcome.allowed ? 'yes' : 'no')}\n`);
      io.stdout(`${head} ${outcome.trafficText}: ${verdict(summaryWord(outcome))}\n`);
    }
    for (const note of notes) io.stdout(`${note}\n`);
    if (cmd.explain) for (const line of explanationLines(outcome)) io.stdout(`${line}\n`);
    return code;
  }

  for (const note of notes) io.stderr(`${note}\n`);
  await writeDocument(io, cmd.output, queryDocument(outcome, cmd));
  return code;
}

/** `allowed`, `denied`, or for one pair of a range `denied (allowed on TCP 8000-8040 only)`. */
function summaryWord(outcome: QueryOutcome): string {
  const [only] = outcome.pairs;
  const word = outcome.allowed ? 'allowed' : 'denied';
  if (outcome.pairs.length === 1 && only?.state === 'partial')
    return `${word} (${pairWord(only, outcome.asked)})`;
  return word;
}

/** The `ReachabilityQuery` document of `-o json` / `-o yaml`. */
function queryDocument(outcome: QueryOutcome, cmd: QueryCommand): object {
  const { port } = cmd;
  const traffic =
    port === undefined
      ? null
      : port.kind === 'range'
        ? { port: port.first, endPort: port.last, protocol: outcome.protocol }
        : {
            port: outcome.port ?? (port.kind === 'name' ? port.name : port.port),
            protocol: outcome.protocol,
          };
  const several = outcome.pairs.length > 1;
  const explanations = outcome.pairs.flatMap((p) => (p.explanation ? [p.explanation] : []));
  return {
    apiVersion: API_VERSION,
    kind: 'ReachabilityQuery',
    from: outcome.from.name,
    to: outcome.to.name,
    traffic,
    allowed: outcome.allowed,
    ...(outcome.connections === undefined ? {} : { connections: outcome.connections }),
    ...(outcome.service === undefined ? {} : { service: outcome.service }),
    ...(several ? { match: cmd.match, pairs: outcome.pairs.map(pairDocument) } : {}),
    ...(cmd.explain && explanations.length > 0 ? { explanations } : {}),
  };
}

function pairDocument(pair: PairResult): object {
  return {
    from: pair.from.name,
    to: pair.to.name,
    ...(pair.port === undefined ? {} : { port: pair.port }),
    allowed: pair.state === 'allowed',
    ...(pair.connections === undefined ? {} : { connections: pair.connections }),
  };
}

/** When the pairs behind the endpoints do not all get the same answer, lists them. */
function pairNotes(outcome: QueryOutcome, match: 'any' | 'all'): string[] {
  const { pairs } = outcome;
  const words = pairs.map((p) => pairWord(p, outcome.asked));
  if (new Set(words).size <= 1) return [];
  const allowedCount = pairs.filter((p) => p.state === 'allowed').length;
  const head =
    outcome.asked === 'none'
      ? `note: the pairs behind these endpoints may use different ports (${match === 'all' ? 'showing what every pair may use' : 'showing what some pair may use, --match any'}):`
      : match === 'all'
        ? `note: ${outcome.allowed ? 'yes' : 'no'}, because not every ${pairNoun(pairs)} is allowed (${allowedCount} of ${pairs.length} are):`
        : `note: ${outcome.allowed ? 'yes, because some pair is allowed' : 'no, because no pair is allowed'} (--match any; ${allowedCount} of ${pairs.length} are):`;
  const lines = pairs
    .slice(0, MAX_LISTED_PAIRS)
    .map((p, i) => `  ${p.from.name} -> ${p.to.name}${pairTraffic(outcome, p)}: ${words[i]}`);
  if (pairs.length > MAX_LISTED_PAIRS)
    lines.push(`  ... and ${pairs.length - MAX_LISTED_PAIRS} more pairs`);
  return [head, ...lines];
}

/** `pod pair` when both ends are pods, else `pair`. */
function pairNoun(pairs: readonly PairResult[]): string {
  return pairs.every((p) => p.from.pod !== undefined && p.to.pod !== undefined)
    ? 'pod pair'
    : 'pair';
}

function pairTraffic(outcome: QueryOutcome, pair: PairResult): string {
  if (pair.port !== undefined) return ` ${outcome.protocol}/${pair.port}`;
  if (outcome.asked === 'range') return ` ${outcome.trafficText}`;
  return '';
}

/** One line per pair (prefixed with the pair when there are several), then the assumptions. */
function explanationLines(outcome: QueryOutcome): string[] {
  const lines: string[] = [];
  const explained = outcome.pairs.filter((p) => p.explanation !== undefined);
  if (explained.length === 0) {
    lines.push('note: --explain needs one port; the connections of each pair are:');
    for (const p of outcome.pairs.slice(0, MAX_LISTED_PAIRS)) {
      lines.push(`  ${p.from.name} -> ${p.to.name}: ${formatConnectionSet(p.connections ?? {})}`);
    }
    return lines;
  }
  for (const p of explained) {
    if (!p.explanation) continue;
    const text = formatExplanation(p.explanation);
    lines.push(explained.length === 1 ? text : `${p.from.name} -> ${p.to.name}: ${text}`);
  }
  const first = explained[0]?.explanation;
  if (first) lines.push(formatAssumptions(first));
  return lines;
}
