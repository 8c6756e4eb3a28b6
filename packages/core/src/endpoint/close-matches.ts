/**
 * Levenshtein distance between `a` and `b`, or `limit + 1` as soon as it is known to exceed
 * `limit` (names are short, so the plain dynamic programme is plenty).
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

/** How far apart two names may be and still be suggested. */
export function suggestionLimit(name: string): number {
  return Math.max(2, Math.floor(name.length / 3));
}

/** A name a user may have meant, with how it is shown. */
export interface NamedCandidate {
  readonly namespace: string;
  readonly name: string;
  /** How it is listed: `shop/deployment/web`. */
  readonly display: string;
  /** Of the kind the user asked for (ranked before other kinds of the same name). */
  readonly sameKind: boolean;
}

/** How many names a "did you mean" list holds. */
const MAX_CANDIDATES = 10;

/**
 * Up to ten names the user may have meant: the same name in other namespaces first, then names
 * in the same namespace that start alike or are a few edits away.
 */
export function closeNames(
  named: readonly NamedCandidate[],
  namespace: string,
  name: string,
): string[] {
  const limit = suggestionLimit(name);
  const scored: { score: number; display: string }[] = [];
  for (const candidate of named) {
    let score: number | undefined;
    if (candidate.name.toLowerCase() === name.toLowerCase()) {
      // Same name, other namespace, or same namespace but another kind (or case).
      score = candidate.namespace === namespace ? 0 : candidate.sameKind ? 1 : 2;
    } else if (candidate.namespace.toLowerCase() === namespace.toLowerCase()) {
      const distance = editDistance(candidate.name, name, limit);
      if (candidate.name.startsWith(name) || name.startsWith(candidate.name)) score = 3;
      else if (distance <= limit) score = 3 + distance;
    }
    if (score !== undefined) scored.push({ score, display: candidate.display });
  }
  scored.sort((a, b) => a.score - b.score || compareText(a.display, b.display));
  return [...new Set(scored.map((s) => s.display))].slice(0, MAX_CANDIDATES);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
