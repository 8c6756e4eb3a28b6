import type { Protocol } from '../model/index.js';
import { MAX_PORT, PROTOCOLS } from '../model/index.js';

/**
 * A port as people ask about it: a number, a name (a container port of the destination pod, or
 * a Service port's name when the destination is a Service), or an inclusive range; each with a
 * protocol when written as `53/udp`.
 */
export type PortQuery =
  | { readonly kind: 'number'; readonly port: number; readonly protocol?: Protocol }
  | { readonly kind: 'name'; readonly name: string; readonly protocol?: Protocol }
  | {
      readonly kind: 'range';
      readonly first: number;
      readonly last: number;
      readonly protocol?: Protocol;
    };

/** {@link parsePortQuery}'s answer: the port, or a one-line reason. */
export type ParsePortResult =
  | { readonly ok: true; readonly port: PortQuery }
  | { readonly ok: false; readonly message: string };

/**
 * Reads a port: `8080`, `http` (a port name: lower case, at most 15 characters), `53/udp`,
 * `8000-8080`, `8000-8080/tcp`. The protocol suffix is any case. Never throws.
 *
 * @param text - the port as typed
 * @returns the port, or a message saying what is wrong
 * @example
 * ```ts
 * parsePortQuery('53/udp'); // { ok: true, port: { kind: 'number', port: 53, protocol: 'UDP' } }
 * ```
 */
export function parsePortQuery(text: string): ParsePortResult {
  let body = text.trim();
  let protocol: Protocol | undefined;
  const slash = body.lastIndexOf('/');
  if (slash >= 0) {
    const suffix = body.slice(slash + 1).toUpperCase();
    protocol = PROTOCOLS.find((p) => p === suffix);
    if (protocol === undefined) {
      return fail(
        `unknown protocol "${body.slice(slash + 1)}" in port "${text}"; use ${PROTOCOLS.join(', ')}`,
      );
    }
    body = body.slice(0, slash);
  }
  const withProtocol = protocol === undefined ? {} : { protocol };
  const range = /^([0-9]+)-([0-9]+)$/.exec(body);
  if (range !== null) {
    const first = Number(range[1]);
    const last = Number(range[2]);
    const problem = numberProblem(first) ?? numberProblem(last);
    if (problem !== undefined) return fail(problem);
    if (first > last) return fail(`port range "${body}" ends before it starts`);
    if (first === last) return ok({ kind: 'number', port: first, ...withProtocol });
    return ok({ kind: 'range', first, last, ...withProtocol });
  }
  if (/^[0-9]+$/.test(body)) {
    const port = Number(body);
    const problem = numberProblem(port);
    return problem === undefined ? ok({ kind: 'number', port, ...withProtocol }) : fail(problem);
  }
  const validName =
    body.length <= 15 &&
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(body) &&
    /[a-z]/.test(body) &&
    !body.includes('--');
  if (!validName) {
    return fail(
      `invalid port "${text}": expected a number (1-${MAX_PORT}), a range (8000-8080), or a port name (lower case, at most 15 characters), optionally followed by /tcp, /udp or /sctp`,
    );
  }
  return ok({ kind: 'name', name: body, ...withProtocol });
}

/**
 * A port as text, the inverse of {@link parsePortQuery}: `8080`, `http`, `8000-8080`, each
 * followed by `/UDP` when the protocol is given.
 *
 * @param port - a port query
 * @returns the text
 */
export function formatPortQuery(port: PortQuery): string {
  const body =
    port.kind === 'number'
      ? `${port.port}`
      : port.kind === 'name'
        ? port.name
        : `${port.first}-${port.last}`;
  return port.protocol === undefined ? body : `${body}/${port.protocol}`;
}

function numberProblem(port: number): string | undefined {
  return port >= 1 && port <= MAX_PORT
    ? undefined
    : `a port number must be between 1 and ${MAX_PORT}`;
}

function ok(port: PortQuery): ParsePortResult {
  return { ok: true, port };
}

function fail(message: string): ParsePortResult {
  return { ok: false, message };
}
