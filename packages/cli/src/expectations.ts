import type { Protocol } from '@kube-reach/core';
import { PROTOCOLS, parseEndpoint, parsePortQuery } from '@kube-reach/core';
import { loadAll, YAMLException } from 'js-yaml';
import type { MatchMode, PortArg } from './command.js';

/**
 * One entry of an expectations file, checked. The format is documented by
 * `schema/expectations.schema.json`; {@link EXPECTATION_KEYS} and the checks below follow it
 * (a test keeps the two in step).
 */
export interface Expectation {
  readonly file: string;
  /** Where it is: `[3]`, or `document 2 [3]` in a multi-document file. */
  readonly where: string;
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly port?: PortArg;
  readonly protocol: Protocol;
  readonly expect: 'allow' | 'deny';
  /** Absent: strict (every pair must get the expected answer). */
  readonly match?: MatchMode;
}

/** The keys an expectation may have; `from`, `to` and `expect` are required. */
export const EXPECTATION_KEYS: readonly string[] = [
  'name',
  'from',
  'to',
  'port',
  'protocol',
  'expect',
  'match',
];

export const REQUIRED_EXPECTATION_KEYS: readonly string[] = ['from', 'to', 'expect'];

export type ExpectationsResult =
  | { readonly ok: true; readonly expectations: readonly Expectation[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Reads an expectations file: YAML (or JSON), one or more documents, each a list of
 * expectations. Every problem is reported, as `FILE: [INDEX].FIELD: message`.
 */
export function parseExpectations(file: string, text: string): ExpectationsResult {
  let documents: unknown[];
  try {
    documents = loadAll(text);
  } catch (error) {
    if (error instanceof YAMLException) {
      const { mark } = error;
      const where = mark ? `${file}:${mark.line + 1}:${mark.column + 1}` : file;
      return { ok: false, problems: [`${where}: invalid YAML: ${error.reason}`] };
    }
    throw error;
  }
  const lists = documents.filter((doc) => doc !== null && doc !== undefined);
  const several = lists.length > 1;
  const problems: string[] = [];
  const expectations: Expectation[] = [];
  if (lists.length === 0)
    problems.push(`${file}: no expectations (expected a list of {from, to, port, expect})`);
  lists.forEach((doc, d) => {
    const prefix = several ? `document ${d + 1} ` : '';
    if (!Array.isArray(doc)) {
      problems.push(`${file}: ${prefix}expected a list of expectations, got ${describe(doc)}`);
      return;
    }
    doc.forEach((raw, i) => {
      const where = `${prefix}[${i}]`;
      const checked = checkExpectation(file, where, raw);
      if (typeof checked === 'object' && 'problems' in checked) problems.push(...checked.problems);
      else expectations.push(checked);
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, expectations };
}

function checkExpectation(
  file: string,
  where: string,
  raw: unknown,
): Expectation | { problems: string[] } {
  const problems: string[] = [];
  const at = (field: string, message: string): void => {
    problems.push(`${file}: ${where}${field === '' ? '' : `.${field}`}: ${message}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    at('', `expected an object with from, to and expect, got ${describe(raw)}`);
    return { problems };
  }
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!EXPECTATION_KEYS.includes(key)) {
      at(key, `unknown field; expectations take ${EXPECTATION_KEYS.join(', ')}`);
    }
  }
  for (const key of REQUIRED_EXPECTATION_KEYS) {
    if (!Object.hasOwn(record, key)) at(key, 'required field is missing');
  }

  const endpoint = (key: 'from' | 'to'): string => {
    const value = record[key];
    if (value === undefined) return '';
    if (typeof value !== 'string' || value === '') {
      at(key, `expected an endpoint such as shop/deploy/web, got ${describe(value)}`);
      return '';
    }
    const parsed = parseEndpoint(value);
    if (!parsed.ok) at(key, parsed.message);
    return value;
  };
  const from = endpoint('from');
  const to = endpoint('to');

  let name: string | undefined;
  if (record.name !== undefined) {
    if (typeof record.name !== 'string' || record.name === '') {
      at('name', `expected a non-empty string, got ${describe(record.name)}`);
    } else {
      name = record.name;
    }
  }

  let port: PortArg | undefined;
  const rawPort = record.port;
  if (rawPort !== undefined) {
    if (typeof rawPort === 'number' && Number.isInteger(rawPort)) {
      const parsed = parsePortQuery(`${rawPort}`);
      if (parsed.ok) port = parsed.port;
      else at('port', parsed.message);
    } else if (typeof rawPort === 'string') {
      const parsed = parsePortQuery(rawPort);
      if (parsed.ok) port = parsed.port;
      else at('port', parsed.message);
    } else {
      at(
        'port',
        `expected a port number (1-65535), a port name, a range such as 8000-8080 or 53/udp, got ${describe(rawPort)}`,
      );
    }
  }

  let protocol: Protocol | undefined = port?.protocol;
  const rawProtocol = record.protocol;
  if (rawProtocol !== undefined) {
    const named =
      typeof rawProtocol === 'string'
        ? PROTOCOLS.find((p) => p === rawProtocol.toUpperCase())
        : undefined;
    if (named === undefined) {
      at('protocol', `expected TCP, UDP or SCTP, got ${describe(rawProtocol)}`);
    } else if (protocol !== undefined && protocol !== named) {
      at('protocol', `${named} contradicts the port ${typeof rawPort === 'string' ? rawPort : ''}`);
    } else {
      protocol = named;
    }
  }

  const expect = record.expect;
  if (expect !== undefined && expect !== 'allow' && expect !== 'deny') {
    at('expect', `expected allow or deny, got ${describe(expect)}`);
  }
  const match = record.match;
  if (match !== undefined && match !== 'any' && match !== 'all') {
    at('match', `expected any or all, got ${describe(match)}`);
  }
  if (problems.length > 0) return { problems };

  const resolvedProtocol = protocol ?? 'TCP';
  const portText = port === undefined ? '' : ` ${resolvedProtocol}/${portBody(port)}`;
  return {
    file,
    where,
    name: name ?? `${from} -> ${to}${portText}`,
    from,
    to,
    ...(port === undefined ? {} : { port }),
    protocol: resolvedProtocol,
    expect: expect as 'allow' | 'deny',
    ...(match === undefined ? {} : { match: match as MatchMode }),
  };
}

/** `8080`, `http`, `8000-8080`: the port without its protocol. */
function portBody(port: PortArg): string {
  return port.kind === 'number'
    ? `${port.port}`
    : port.kind === 'name'
      ? port.name
      : `${port.first}-${port.last}`;
}

/** A value as messages show it: `true`, `"text"`, `a list`, `an object`, `null`. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
