import type { ConnectionSet, PortRange, Protocol } from '../model/index.js';
import { PROTOCOLS } from '../model/index.js';

function rangesText(ranges: readonly PortRange[]): string {
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',');
}

/**
 * A connection set as people read it: `all`, `TCP 80,443; UDP 53`, `TCP 8000-8080`, or
 * `none`. A protocol open on every port prints as `TCP all`.
 */
export function formatConnectionSet(set: ConnectionSet): string {
  if (set === 'all') return 'all';
  const parts: string[] = [];
  for (const protocol of PROTOCOLS) {
    const ranges = set[protocol as Protocol];
    if (!ranges || ranges.length === 0) continue;
    const [first] = ranges;
    const whole = ranges.length === 1 && first?.[0] === 1 && first?.[1] === 65535;
    parts.push(`${protocol} ${whole ? 'all' : rangesText(ranges)}`);
  }
  return parts.length === 0 ? 'none' : parts.join('; ');
}
