import type { LabelSelector, Labels, SelectorOperator } from '../model/index.js';

interface CompiledRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: ReadonlySet<string>;
}

/**
 * Compiles a selector into a predicate with the semantics of `matchesLabels`, with the
 * value lists turned into sets once. The returned function does not keep `selector` alive.
 *
 * @param selector - the selector to compile.
 * @returns a predicate over label maps.
 */
export function compileSelector(selector: LabelSelector): (labels: Labels) => boolean {
  const pairs: readonly (readonly [string, string])[] = [...selector.matchLabels];
  const requirements: readonly CompiledRequirement[] = selector.matchExpressions.map((r) => ({
    key: r.key,
    operator: r.operator,
    values: new Set(r.values),
  }));
  if (pairs.length === 0 && requirements.length === 0) return () => true;
  return (labels: Labels): boolean => {
    for (const [key, value] of pairs) {
      if (labels.get(key) !== value) return false;
    }
    for (const r of requirements) {
      const value = labels.get(r.key);
      let ok: boolean;
      switch (r.operator) {
        case 'In':
          ok = value !== undefined && r.values.has(value);
          break;
        case 'NotIn':
          ok = value === undefined || !r.values.has(value);
          break;
        case 'Exists':
          ok = value !== undefined;
          break;
        case 'DoesNotExist':
          ok = value === undefined;
          break;
      }
      if (!ok) return false;
    }
    return true;
  };
}
