/** Why a parsed value is refused. */
export type MeasureFailure = 'nodes' | 'depth';

/**
 * Walks parsed YAML values as a tree, counting nodes, and stops at the first of `maxNodes`
 * nodes or `maxDepth` levels. js-yaml builds an alias as a shared (even cyclic) reference, so a
 * small "billion laughs" text parses quickly into a DAG that any later tree walk would expand
 * exponentially. Running this bounded walk first caps every later walk. Nodes are counted when
 * queued, so the work list never holds more than `maxNodes` entries; no recursion to overflow.
 */
export function measure(
  roots: readonly unknown[],
  maxNodes: number,
  maxDepth: number,
): MeasureFailure | undefined {
  const values: unknown[] = [...roots];
  const depths: number[] = roots.map(() => 0);
  let count = roots.length;
  if (count > maxNodes) return 'nodes';
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop() ?? 0;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) return 'depth';
    const keys = Array.isArray(value) ? undefined : Object.keys(value);
    count += keys === undefined ? (value as unknown[]).length : keys.length;
    if (count > maxNodes) return 'nodes';
    if (keys === undefined) {
      for (const child of value as unknown[]) {
        values.push(child);
        depths.push(depth + 1);
      }
    } else {
      for (const key of keys) {
        values.push((value as Record<string, unknown>)[key]);
        depths.push(depth + 1);
      }
    }
  }
  return undefined;
}
