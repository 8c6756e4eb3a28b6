import { type DecodeContext, report } from './context.js';
import type { RawRecord } from './guards.js';
import { formatPath, type PathSegment } from './issue.js';
import { clip } from './messages.js';

/**
 * Reports every field of `record` that its API type does not have, as kube-apiserver's strict
 * decoding does (`unknown field "spec.podselector"`), with the closest known field when one is
 * close enough to be a typo. A warning, or an error when the context is strict.
 *
 * @returns the unknown field names, in the order written.
 */
export function checkFields(
  ctx: DecodeContext,
  record: RawRecord,
  path: readonly PathSegment[],
  known: readonly string[],
): string[] {
  const unknown: string[] = [];
  for (const key of Object.keys(record)) {
    if (known.includes(key)) continue;
    unknown.push(key);
    const suggestion = closestField(key, known);
    report(
      ctx,
      ctx.strict === true ? 'error' : 'warning',
      'unknown-field',
      [...path, key],
      `unknown field ${JSON.stringify(clip(formatPath([...path, key])))}${
        suggestion === undefined ? '' : `; did you mean ${JSON.stringify(suggestion)}?`
      }`,
    );
  }
  return unknown;
}

/**
 * The known field a misspelt one most likely meant: the same name in another case, or the
 * nearest by edit distance when at most a third of the letters (and at least one) differ.
 */
export function closestField(field: string, known: readonly string[]): string | undefined {
  const lower = field.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  if (field.length > 64) return undefined;
  const limit = Math.max(1, Math.floor(field.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, with adjacent transpositions counted as one edit. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] ?? 0) + 1);
      }
      row.push(d);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] ?? 0;
}
