import { formatAssumptions, formatConnectionSet, formatExplanation } from '../query/index.js';
import { pairWord } from './query.js';
import type { MatchMode, PairResult, QueryOutcome } from './query-types.js';
import type { ResolvedEndpoint } from './resolved-endpoint.js';

/** Pairs listed when the pods behind an endpoint disagree; the rest are counted. */
const MAX_LISTED_PAIRS = 20;

/** How {@link queryLines} renders: `--explain`, the match mode, and a painter for the verdict. */
export interface QueryLinesOptions {
  readonly explain: boolean;
  readonly match: MatchMode;
  /** Notes printed before the query's own (the CLI's about the network plugin), as given. */
  readonly notes?: readonly string[];
  /** Wraps the verdict words (a terminal's green and red); identity when absent. */
  readonly paint?: (text: string, allowed: boolean) => string;
}

/**
 * The text answer of `reach query` (its table output), line by line: the verdict (`yes`/`no`,
 * or the connections when no port was asked), the pair and traffic, notes about the
 * endpoints and about pairs that disagree, then with `explain` the explanation and the
 * assumptions. The CLI prints it; the report page shows the same lines.
 *
 * @param outcome - the answer of `query`
 * @param from - the resolved source endpoint (for its notes)
 * @param to - the resolved destination endpoint
 * @param options - explain, match mode and painter
 * @returns the lines, without newlines
 */
export function queryLines(
  outcome: QueryOutcome,
  from: ResolvedEndpoint,
  to: ResolvedEndpoint,
  options: QueryLinesOptions,
): string[] {
  const paint = options.paint ?? ((text: string) => text);
  const verdict = (text: string): string => paint(text, outcome.allowed);
  const lines: string[] = [];
  const head = `${outcome.from.name} -> ${outcome.to.name}`;
  if (outcome.asked === 'none') {
    lines.push(`${head}: ${verdict(formatConnectionSet(outcome.connections ?? {}))}`);
  } else {
    lines.push(verdict(outcome.allowed ? 'yes' : 'no'));
    lines.push(`${head} ${outcome.trafficText}: ${verdict(summaryWord(outcome))}`);
  }
  lines.push(...(options.notes ?? []), ...queryNotes(outcome, from, to, options.match));
  if (options.explain) lines.push(...explanationLines(outcome));
  return lines;
}

/** The notes of a query: about the endpoints, the outcome, and pairs that disagree. */
export function queryNotes(
  outcome: QueryOutcome,
  from: ResolvedEndpoint,
  to: ResolvedEndpoint,
  match: MatchMode,
): string[] {
  return [
    ...[...from.notes, ...to.notes, ...outcome.notes].map((note) => `note: ${note}`),
    ...pairNotes(outcome, match),
  ];
}

/** `allowed`, `denied`, or for one pair of a range `denied (allowed on TCP 8000-8040 only)`. */
function summaryWord(outcome: QueryOutcome): string {
  const [only] = outcome.pairs;
  const word = outcome.allowed ? 'allowed' : 'denied';
  if (outcome.pairs.length === 1 && only?.state === 'partial')
    return `${word} (${pairWord(only, outcome.asked)})`;
  return word;
}

/** When the pairs behind the endpoints do not all get the same answer, lists them. */
function pairNotes(outcome: QueryOutcome, match: MatchMode): string[] {
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
