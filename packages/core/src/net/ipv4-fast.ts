/**
 * A canonical IPv4 dotted quad (four decimal parts 0–255, no leading zeros, nothing else) as a
 * number, or -1 for any other text, which the caller then gives to the full parser. It allocates
 * nothing, for hot loops over pod IPs; it is also the full parser's (`parseIp`) only IPv4 reader,
 * so the two cannot disagree.
 * @param text - the address text
 * @returns the address as a number in 0 .. 2^32-1, or -1
 */
export function parseIpv4Fast(text: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (ch >= 48 && ch <= 57) {
      if (digits > 0 && part === 0) return -1;
      part = part * 10 + (ch - 48);
      if (++digits > 3 || part > 255) return -1;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + part;
}
