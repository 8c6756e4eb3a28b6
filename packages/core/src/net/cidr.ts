import IPCIDR from 'ip-cidr';
import { formatIp, hasIpv4LeadingZeros, type IpFamily, ipBits, parseIp } from './ip.js';

/** A parsed CIDR block: the inclusive address range it covers. */
export interface ParsedCidr {
  readonly family: IpFamily;
  /** The network address (host bits cleared). */
  readonly first: bigint;
  /** The last address of the block. */
  readonly last: bigint;
  /** The prefix length. */
  readonly prefix: number;
  /** The normal form: network address in RFC 5952 / dotted-quad form, `/prefix`. */
  readonly canonical: string;
  /** True when the input text is exactly `canonical`. */
  readonly canonicalForm: boolean;
  /** True when the address had bits set past the prefix, as in `10.0.0.1/8`. */
  readonly hostBitsSet: boolean;
}

/** Why a text is not a CIDR block. */
export interface CidrError {
  /** Kubernetes' wording, to follow `Invalid value: "<text>": `. */
  readonly error: string;
  /** A more specific reason, e.g. `prefix length 33 is longer than 32`. */
  readonly reason: string;
}

/** Kubernetes' message for a bad CIDR value. */
export const CIDR_ERROR_MESSAGE = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

const PREFIX = /^(0|[1-9][0-9]{0,2})$/;

function fail(reason: string): CidrError {
  return { error: CIDR_ERROR_MESSAGE, reason };
}

/** The full, uncompressed hex form of an IPv6 value: the one form every parser reads alike. */
function expandedV6(value: bigint): string {
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) {
    groups.push(((value >> shift) & 0xffffn).toString(16));
  }
  return groups.join(':');
}

/**
 * Parses a CIDR block such as `10.0.0.0/8` or `2001:db8::/64`.
 *
 * The address follows {@link parseIp} (no IPv4 leading zeros, no zones; an IPv4-mapped
 * IPv6 block stays IPv6). The prefix is a decimal `0..32` (IPv4) or `0..128` (IPv6) without
 * leading zeros. A block with host bits set, like `10.0.0.1/8`, is accepted and normalised
 * to its network (`10.0.0.0/8`), as Kubernetes has always done; `hostBitsSet` and
 * `canonicalForm` let a caller warn, as Kubernetes 1.33+ does.
 *
 * @param text - the CIDR text.
 * @returns the block, or a {@link CidrError} (never throws).
 */
export function parseCidr(text: string): ParsedCidr | CidrError {
  const slash = text.indexOf('/');
  if (slash < 0) return fail('missing "/<prefix length>"');
  const addressText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const address = parseIp(addressText);
  if (address === undefined) {
    return fail(
      hasIpv4LeadingZeros(addressText)
        ? `IPv4 address "${addressText}" has leading zeros`
        : `"${addressText}" is not an IP address`,
    );
  }
  if (!PREFIX.test(prefixText)) return fail(`prefix length "${prefixText}" is not a number`);
  const prefix = Number(prefixText);
  const bits = ipBits(address.family);
  if (prefix > bits) return fail(`prefix length ${prefix} is longer than ${bits}`);

  // ip-cidr validates the block and computes its range; we feed it a form it reads exactly.
  const plain = address.family === 4 ? formatIp(4, address.value) : expandedV6(address.value);
  let first: bigint;
  let last: bigint;
  try {
    const block = new IPCIDR(`${plain}/${prefix}`);
    first = BigInt(block.start<bigint>({ type: 'bigInteger' }));
    last = BigInt(block.end<bigint>({ type: 'bigInteger' }));
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  const canonical = `${formatIp(address.family, first)}/${prefix}`;
  return {
    family: address.family,
    first,
    last,
    prefix,
    canonical,
    canonicalForm: text === canonical,
    hostBitsSet: address.value !== first,
  };
}

/** True when {@link parseCidr} failed. */
export function isCidrError(result: ParsedCidr | CidrError): result is CidrError {
  return 'error' in result;
}
