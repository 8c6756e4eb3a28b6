// A small IP/CIDR reader for validation. It accepts what kube-apiserver accepts for the legacy
// `ipBlock` fields (Go's ParseCIDRSloppy): IPv4 octets and prefix lengths with leading zeros are
// read as decimal.

/** A parsed CIDR block. `text` is the block as written, with IPv4 leading zeros removed. */
export interface ParsedCidr {
  readonly family: 4 | 6;
  /** The network address: the written address with its host bits cleared. */
  readonly network: bigint;
  readonly prefix: number;
  readonly text: string;
  /** True when an IPv4 octet or the prefix had a leading zero (`010.0.0.0/08`); `text` drops it. */
  readonly leadingZeros: boolean;
}

interface ParsedIp {
  readonly family: 4 | 6;
  readonly value: bigint;
  readonly text: string;
  readonly leadingZeros: boolean;
}

/** Parses an IPv4 or IPv6 address (`::ffff:1.2.3.4` stays IPv6), or returns undefined. */
export function parseIpAddress(text: string): ParsedIp | undefined {
  if (text.length > 64) return undefined;
  if (text.includes(':')) {
    const value = parseIpv6(text);
    return value === undefined ? undefined : { family: 6, value, text, leadingZeros: false };
  }
  return parseIpv4(text);
}

/** Parses `address/prefix`, or returns undefined when it is not a valid CIDR block. */
export function parseCidr(text: string): ParsedCidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIpAddress(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (ip === undefined || !/^[0-9]{1,3}$/.test(prefixText)) return undefined;
  const bits = ip.family === 4 ? 32 : 128;
  const prefix = Number(prefixText);
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  return {
    family: ip.family,
    network: (ip.value >> hostBits) << hostBits,
    prefix,
    text: `${ip.text}/${prefix}`,
    leadingZeros: ip.leadingZeros || (prefixText.length > 1 && prefixText.startsWith('0')),
  };
}

/**
 * True when `inner` lies inside `outer` and is strictly smaller, the rule kube applies to each
 * `except` entry of an ipBlock. Blocks of different families are never inside one another.
 */
export function isStrictSubset(outer: ParsedCidr, inner: ParsedCidr): boolean {
  if (outer.family !== inner.family || inner.prefix <= outer.prefix) return false;
  const hostBits = BigInt((outer.family === 4 ? 32 : 128) - outer.prefix);
  return inner.network >> hostBits === outer.network >> hostBits;
}

function parseIpv4(text: string): ParsedIp | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  let leadingZeros = false;
  for (const part of parts) {
    if (!/^[0-9]{1,3}$/.test(part) || Number(part) > 255) return undefined;
    if (part.length > 1 && part.startsWith('0')) leadingZeros = true;
    value = (value << 8n) | BigInt(Number(part));
  }
  const canonical = parts.map((p) => String(Number(p))).join('.');
  return { family: 4, value, text: leadingZeros ? canonical : text, leadingZeros };
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0] ?? '', halves.length === 1);
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '', true) : [];
  if (head === undefined || tail === undefined) return undefined;
  // Without `::` there must be eight groups; `::` stands for at least one zero group.
  const zeros = 8 - head.length - tail.length;
  if (halves.length === 1 ? zeros !== 0 : zeros < 1) return undefined;
  let value = 0n;
  for (const group of [...head, ...Array<number>(zeros).fill(0), ...tail]) {
    value = (value << 16n) | BigInt(group);
  }
  return value;
}

/** The 16-bit groups of `a:b:c`; a dotted IPv4 address may end the text when `last`. */
function groupsOf(text: string, last: boolean): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const out: number[] = [];
  for (const [i, part] of parts.entries()) {
    if (last && i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined || v4.leadingZeros) return undefined;
      out.push(Number(v4.value >> 16n), Number(v4.value & 0xffffn));
    } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
      out.push(Number.parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return out;
}
