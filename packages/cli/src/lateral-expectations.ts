import { parseEndpoint } from '@kube-reach/core';

// The lateral-movement entries of an expectations file (`noPath`, `maxBlastRadius`): what makes
// an entry one, how the schema's complaints about it read, and the entry once checked. The pair
// expectations are in `expectations.ts`.

/**
 * `noPath: {from, to, maxHops?, anyPort?}`: no chain of hops from FROM to TO;
 * `maxBlastRadius: {from, pods, maxHops?, anyPort?}`: FROM reaches at most `pods` pods. `to` of
 * a blast-radius expectation is `*`.
 */
export type LateralCheck =
  | { readonly kind: 'noPath'; readonly maxHops?: number; readonly anyPort: boolean }
  | {
      readonly kind: 'maxBlastRadius';
      readonly pods: number;
      readonly maxHops?: number;
      readonly anyPort: boolean;
    };

/** A lateral entry, checked: the expectation without its file and place. */
export interface LateralEntry {
  readonly name: string;
  readonly from: string;
  /** `*` for a blast radius. */
  readonly to: string;
  readonly expect: 'no path' | `at most ${number} pods`;
  readonly lateral: LateralCheck;
}

/** The keys that make an entry a lateral-movement check. */
export const LATERAL_KEYS: readonly string[] = ['noPath', 'maxBlastRadius'];

/** An entry with `noPath` or `maxBlastRadius`: checked against `graphExpectation`. */
export function isLateral(raw: unknown): raw is Record<string, unknown> {
  return (
    typeof raw === 'object' &&
    raw !== null &&
    !Array.isArray(raw) &&
    LATERAL_KEYS.some((k) => k in raw)
  );
}

export function lateralFields(field: string): string {
  return field === 'noPath' ? 'from, to, maxHops, anyPort' : 'from, pods, maxHops, anyPort';
}

export function lateralExpected(field: string, sub: string | undefined): string {
  switch (sub) {
    case undefined:
      return `an object with ${lateralFields(field)}`;
    case 'from':
    case 'to':
      return 'an endpoint such as shop/deploy/web';
    case 'anyPort':
      return 'true or false';
    default:
      return 'a whole number, 0 or more';
  }
}

/**
 * A lateral-movement entry the schema accepted, with its endpoints' grammar checked: `noPath`
 * expects no chain of hops, `maxBlastRadius` at most so many pods reached.
 */
export function lateralEntry(
  file: string,
  where: string,
  record: Record<string, unknown>,
): LateralEntry | { problems: string[] } {
  const field = 'noPath' in record ? 'noPath' : 'maxBlastRadius';
  const body = record[field] as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of ['from', 'to']) {
    if (typeof body[key] !== 'string') continue;
    const parsed = parseEndpoint(body[key] as string);
    if (!parsed.ok) problems.push(`${file}: ${where}.${field}.${key}: ${parsed.message}`);
  }
  if (problems.length > 0) return { problems };
  const from = body.from as string;
  const maxHops = body.maxHops as number | undefined;
  const hops = maxHops === undefined ? {} : { maxHops };
  const within = maxHops === undefined ? '' : ` within ${maxHops} hop${maxHops === 1 ? '' : 's'}`;
  const anyPort = body.anyPort === true;
  const named = (fallback: string): string => (record.name as string | undefined) ?? fallback;
  if (field === 'noPath') {
    const to = body.to as string;
    return {
      name: named(`no path ${from} -> ${to}${within}`),
      from,
      to,
      expect: 'no path',
      lateral: { kind: 'noPath', ...hops, anyPort },
    };
  }
  const pods = body.pods as number;
  return {
    name: named(`blast radius of ${from}${within} <= ${pods} pods`),
    from,
    to: '*',
    expect: `at most ${pods} pods`,
    lateral: { kind: 'maxBlastRadius', pods, ...hops, anyPort },
  };
}
