import fc from 'fast-check';

/** Constraints of {@link cidr}. */
export interface CidrConstraints {
  /** Address family (default: either). */
  readonly family?: 4 | 6;
}

const v4: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }))
  .map(([addr, prefix]) => {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    const network = (addr & mask) >>> 0;
    return `${[24, 16, 8, 0].map((s) => (network >>> s) & 255).join('.')}/${prefix}`;
  });

const v6: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }),
    fc.integer({ min: 0, max: 128 }),
  )
  .map(([groups, prefix]) => {
    let value = 0n;
    for (const g of groups) value = (value << 16n) | BigInt(g);
    const mask = prefix === 0 ? 0n : ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - prefix)) - 1n);
    const network = value & mask;
    const parts: string[] = [];
    for (let i = 7; i >= 0; i--) parts.push(((network >> BigInt(i * 16)) & 0xffffn).toString(16));
    return `${parts.join(':')}/${prefix}`;
  });

/**
 * A valid CIDR block with no host bits set (IPv6 written uncompressed, which every parser reads
 * alike).
 *
 * @param constraints - see {@link CidrConstraints}.
 * @returns an arbitrary of CIDR texts such as `10.0.0.0/8` or `fd00:0:0:0:0:0:0:0/8`.
 */
export function cidr(constraints: CidrConstraints = {}): fc.Arbitrary<string> {
  if (constraints.family === 4) return v4;
  if (constraints.family === 6) return v6;
  return fc.oneof(v4, v6);
}
