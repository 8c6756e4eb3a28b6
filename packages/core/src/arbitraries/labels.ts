import fc from 'fast-check';
import type { LabelMap, SelectorManifest } from './manifests.js';
import { setOwn } from './manifests.js';
import { POOLS } from './pools.js';

/** Constraints of {@link labelKey} and {@link labelValue}. */
export interface NameConstraints {
  /**
   * The names to draw from (default: the shared pool). `false` draws any name Kubernetes
   * accepts instead, which is rarely what a reachability property wants: such names match
   * nothing else.
   */
  readonly pool?: readonly string[] | false;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const INNER = `${ALNUM}-_.`;

/** A label name or value: up to `maxLength` characters, alphanumeric at both ends, `-_.` inside. */
function qualifiedNamePart(maxLength: number): fc.Arbitrary<string> {
  const end = fc.constantFrom(...ALNUM);
  return fc
    .tuple(end, fc.string({ unit: fc.constantFrom(...INNER), maxLength: maxLength - 2 }), end)
    .map(([a, mid, b]) => (mid.length === 0 ? a : `${a}${mid}${b}`));
}

/**
 * Valid names that YAML would read as something other than a string when written unquoted:
 * drawn now and then, so that round trips through YAML are really tested.
 */
const YAML_LOOKALIKES = [
  'true',
  'False',
  'null',
  'yes',
  'on',
  '0',
  '010',
  '0x1F',
  '1e3',
  '1_000',
  'NaN',
  '2024-01-01',
];

/** A DNS-1123 subdomain of at most 3 labels of at most 10 characters (a label key prefix). */
const dnsSubdomain: fc.Arbitrary<string> = fc
  .array(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join('.'));

function fromPool<T>(pool: readonly T[], what: string): fc.Arbitrary<T> {
  if (pool.length === 0) throw new RangeError(`the ${what} pool is empty`);
  return fc.constantFrom(...pool);
}

/**
 * A valid label key (`[prefix/]name`): from the shared pool unless `pool: false`.
 *
 * @param constraints - see {@link NameConstraints}.
 * @returns an arbitrary of label keys.
 */
export function labelKey(constraints: NameConstraints = {}): fc.Arbitrary<string> {
  if (constraints.pool === false) {
    const name = fc.oneof(
      { weight: 5, arbitrary: qualifiedNamePart(63) },
      { weight: 1, arbitrary: fc.constantFrom(...YAML_LOOKALIKES) },
    );
    return fc
      .tuple(fc.option(dnsSubdomain, { nil: undefined }), name)
      .map(([prefix, n]) => (prefix === undefined ? n : `${prefix}/${n}`));
  }
  return fromPool(constraints.pool ?? POOLS.labelKeys, 'label key');
}

/**
 * A valid label value: from the shared pool unless `pool: false` (then possibly empty).
 *
 * @param constraints - see {@link NameConstraints}.
 * @returns an arbitrary of label values.
 */
export function labelValue(constraints: NameConstraints = {}): fc.Arbitrary<string> {
  if (constraints.pool === false) {
    return fc.oneof(
      { weight: 1, arbitrary: fc.constant('') },
      { weight: 5, arbitrary: qualifiedNamePart(63) },
      { weight: 1, arbitrary: fc.constantFrom(...YAML_LOOKALIKES) },
    );
  }
  return fromPool(constraints.pool ?? POOLS.labelValues, 'label value');
}

/** Constraints of {@link labels} and {@link labelSelector}. */
export interface LabelsConstraints {
  /** Label keys (default {@link labelKey}`()`). */
  readonly keys?: fc.Arbitrary<string>;
  /** Label values (default {@link labelValue}`()`). */
  readonly values?: fc.Arbitrary<string>;
  /** Most entries in a map, or in a selector's `matchLabels` (default 3 and 2). */
  readonly maxSize?: number;
}

/**
 * A label map, possibly empty, with distinct keys.
 *
 * @param constraints - see {@link LabelsConstraints}.
 * @returns an arbitrary of `metadata.labels` maps.
 */
export function labels(constraints: LabelsConstraints = {}): fc.Arbitrary<LabelMap> {
  return fc
    .uniqueArray(fc.tuple(constraints.keys ?? labelKey(), constraints.values ?? labelValue()), {
      selector: ([k]) => k,
      maxLength: constraints.maxSize ?? 3,
    })
    .map((entries) => {
      const out: LabelMap = {};
      for (const [k, v] of entries) setOwn(out, k, v);
      return out;
    });
}

/**
 * A label selector with `matchLabels` and `matchExpressions` of all four operators (`In` and
 * `NotIn` with one or two values). Biased towards selectors that match something: the empty
 * selector `{}` and single-label selectors come often.
 *
 * @param constraints - see {@link LabelsConstraints}.
 * @returns an arbitrary of selectors as written in a manifest.
 */
export function labelSelector(constraints: LabelsConstraints = {}): fc.Arbitrary<SelectorManifest> {
  const keys = constraints.keys ?? labelKey();
  const values = constraints.values ?? labelValue();
  const expression = fc.oneof(
    fc.record({
      key: keys,
      operator: fc.constantFrom('In' as const, 'NotIn' as const),
      values: fc.uniqueArray(values, { minLength: 1, maxLength: 2 }),
    }),
    fc.record({ key: keys, operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
  );
  const any = fc
    .record(
      {
        matchLabels: labels({ keys, values, maxSize: constraints.maxSize ?? 2 }),
        matchExpressions: fc.array(expression, { maxLength: 2 }),
      },
      { requiredKeys: [] },
    )
    .map((s) => {
      const out: SelectorManifest = {};
      if (s.matchLabels !== undefined) out.matchLabels = s.matchLabels;
      if (s.matchExpressions !== undefined) out.matchExpressions = s.matchExpressions;
      return out;
    });
  const single = fc.tuple(keys, values).map(([k, v]): SelectorManifest => {
    const matchLabels: LabelMap = {};
    setOwn(matchLabels, k, v);
    return { matchLabels };
  });
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<SelectorManifest>({}) },
    { weight: 2, arbitrary: single },
    { weight: 3, arbitrary: any },
  );
}
