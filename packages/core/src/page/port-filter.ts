import type { ConnectionSet, Protocol } from '../model/index.js';
import { PROTOCOLS } from '../model/index.js';

/** A port filter of the page: a port and protocol, a protocol alone, or nothing (any). */
export interface PortFilter {
  readonly port?: number;
  readonly protocol?: Protocol;
}

/**
 * Reads the page's port box: empty (any port), `80`, `53/udp`, or a protocol alone (`udp`).
 * Returns undefined for text that is none of these.
 */
export function parsePortFilter(text: string): PortFilter | undefined {
  const body = text.trim();
  if (body === '') return {};
  const match = /^(?:([0-9]{1,5}))?(?:\/?([A-Za-z]+))?$/.exec(body);
  if (match === null) return undefined;
  const [, portText, protocolText] = match;
  const protocol =
    protocolText === undefined
      ? undefined
      : PROTOCOLS.find((p) => p === protocolText.toUpperCase());
  if (protocolText !== undefined && protocol === undefined) return undefined;
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  if (port === undefined && protocol === undefined) return undefined;
  return {
    ...(port === undefined ? {} : { port }),
    // A port alone means TCP, as on the command line.
    ...(protocol === undefined
      ? port === undefined
        ? {}
        : { protocol: 'TCP' as const }
      : { protocol }),
  };
}

/** Whether a connection set allows what the filter asks (any port when it asks nothing). */
export function allowsFilter(set: ConnectionSet, filter: PortFilter): boolean {
  if (set === 'all') return true;
  const protocols = filter.protocol === undefined ? PROTOCOLS : [filter.protocol];
  return protocols.some((p) => {
    const ranges = set[p] ?? [];
    if (filter.port === undefined) return ranges.length > 0;
    const port = filter.port;
    return ranges.some(([first, last]) => first <= port && port <= last);
  });
}
