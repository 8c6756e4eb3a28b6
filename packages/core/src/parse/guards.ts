/** A parsed YAML mapping: a plain object whose own keys are the mapping's keys. */
export type RawRecord = { readonly [key: string]: unknown };

/** True for a YAML mapping (a non-null, non-array object). */
export function isRecord(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads an own property only. Parsed mappings inherit from `Object.prototype`, so a plain
 * `raw[key]` would find `constructor` or `toString` on a manifest that never wrote them.
 */
export function getOwn(record: RawRecord, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The own enumerable entries of a mapping, `__proto__` included when it was written. */
export function ownEntries(record: RawRecord): [string, unknown][] {
  return Object.keys(record).map((key) => [key, record[key]]);
}

/** Names the JSON type of a value for messages: `a string`, `a list`, `an object`, ... */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}
