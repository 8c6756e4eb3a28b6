import { PROTOCOLS, type Protocol } from '../model/index.js';
import { type DecodeContext, error, wrongType } from './context.js';
import { isRecord, ownEntries, type RawRecord } from './guards.js';
import type { PathSegment } from './issue.js';
import { invalidMessage, requiredMessage, unsupportedMessage } from './messages.js';
import { labelValueErrors, qualifiedNameErrors } from './names.js';

// Decoders for JSON-level values. Each takes the raw value and its path, reports problems into
// the context and returns the decoded value, or undefined when absent or unusable. `null` counts
// as absent, as it does when the API server decodes JSON into Go structs.

/** A string field; a missing one is an error only when `required` names what is missing. */
export function decodeString(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
  required?: string,
): string | undefined {
  if (raw === undefined || raw === null) {
    if (required !== undefined)
      error(ctx, 'missing-field', path, requiredMessage(required || undefined));
    return undefined;
  }
  if (typeof raw === 'string') return raw;
  wrongType(ctx, path, 'a string', raw);
  return undefined;
}

/** An integer field (YAML `80` or `80.0`; not `80.5`, not `"80"`). */
export function decodeInteger(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  wrongType(ctx, path, 'an integer', raw);
  return undefined;
}

/** A boolean field. */
export function decodeBoolean(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
): boolean | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'boolean') return raw;
  wrongType(ctx, path, 'a boolean', raw);
  return undefined;
}

/** A list field. */
export function decodeList(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
): readonly unknown[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (Array.isArray(raw)) return raw;
  wrongType(ctx, path, 'a list', raw);
  return undefined;
}

/** An object field. */
export function decodeRecord(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
): RawRecord | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (isRecord(raw)) return raw;
  wrongType(ctx, path, 'an object', raw);
  return undefined;
}

/** A list of strings; entries of another type are reported and left out. */
export function decodeStringList(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
): string[] | undefined {
  const list = decodeList(ctx, raw, path);
  if (list === undefined) return undefined;
  const out: string[] = [];
  list.forEach((entry, i) => {
    const value = decodeString(ctx, entry, [...path, i], '');
    if (value !== undefined) out.push(value);
  });
  return out;
}

/**
 * A label map (`metadata.labels`, `matchLabels`, a Service `selector`), checked as
 * `ValidateLabels` does: keys are qualified names, values valid label values. A `null` value
 * reads as `""`, as Go does. The result is a Map, so `__proto__` is an ordinary key.
 */
export function decodeLabels(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
): Map<string, string> {
  const labels = new Map<string, string>();
  const record = decodeRecord(ctx, raw, path);
  if (record === undefined) return labels;
  for (const [key, rawValue] of ownEntries(record)) {
    const keyPath = [...path, key];
    for (const msg of qualifiedNameErrors(key)) {
      error(ctx, 'invalid-label', keyPath, invalidMessage(key, msg));
    }
    const value = rawValue === null ? '' : rawValue;
    if (typeof value !== 'string') {
      wrongType(ctx, keyPath, 'a string (quote numbers and booleans in labels)', value);
      continue;
    }
    for (const msg of labelValueErrors(value)) {
      error(ctx, 'invalid-label', keyPath, invalidMessage(value, msg));
    }
    labels.set(key, value);
  }
  return labels;
}

/**
 * A `protocol` field: exactly `TCP`, `UDP` or `SCTP` (case matters, as in the API). Absent gives
 * undefined, for the caller to default to TCP.
 */
export function decodeProtocol(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
): Protocol | undefined {
  const value = decodeString(ctx, raw, path);
  if (value === undefined) return undefined;
  const protocol = PROTOCOLS.find((p) => p === value);
  if (protocol === undefined)
    error(ctx, 'bad-protocol', path, unsupportedMessage(value, PROTOCOLS));
  return protocol;
}
