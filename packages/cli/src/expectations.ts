import { createRequire } from 'node:module';
import type { Labels, Protocol } from '@kube-reach/core';
import { findProfile, PROTOCOLS, parseEndpoint, parsePortQuery } from '@kube-reach/core';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { loadAll, YAMLException } from 'js-yaml';
import { unknownProfile } from './cni-flags.js';
import type { MatchMode, PortArg } from './command.js';
import type { LateralCheck } from './lateral-expectations.js';
import {
  isLateral,
  LATERAL_KEYS,
  lateralEntry,
  lateralExpected,
  lateralFields,
} from './lateral-expectations.js';

export type { LateralCheck } from './lateral-expectations.js';

/**
 * One entry of an expectations file, checked against `schema/expectations.schema.json`.
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
  /** `allow` / `deny` for a pair; `no path` and `at most N pods` for the lateral checks. */
  readonly expect: 'allow' | 'deny' | 'no path' | `at most ${number} pods`;
  /** Absent: strict (every pair must get the expected answer). */
  readonly match?: MatchMode;
  /** A lateral-movement check (`noPath`, `maxBlastRadius`) instead of one pair. */
  readonly lateral?: LateralCheck;
  /** The CNI profile to check it under (its own `cni`, else its file's); absent: `--cni`. */
  readonly cni?: string;
}

/**
 * The shipped JSON Schema of an expectations file (`schema/expectations.schema.json`, beside
 * both `src/` and `dist/`): the one definition of the format. Files are validated against it;
 * only what a schema cannot say (endpoint grammar, port ranges, a protocol that contradicts the
 * port) is checked in code afterwards.
 */
const SCHEMA = createRequire(import.meta.url)('../schema/expectations.schema.json') as {
  readonly $defs: {
    readonly expectation: {
      readonly properties: Readonly<Record<string, { readonly enum?: readonly string[] }>>;
      readonly required: readonly string[];
    };
  };
};

/** The keys an expectation may have, from the schema. */
export const EXPECTATION_KEYS: readonly string[] = Object.keys(SCHEMA.$defs.expectation.properties);

/** The keys an expectation must have, from the schema. */
export const REQUIRED_EXPECTATION_KEYS: readonly string[] = SCHEMA.$defs.expectation.required;

let validators: { list: ValidateFunction; settings: ValidateFunction } | undefined;

/**
 * The schema's two kinds of document, compiled on first use (other commands do not pay for it):
 * a list of expectations, or a mapping of settings (`namespaceLabels`). Each is checked on its
 * own, so that a bad list entry is not also reported as a bad mapping.
 */
function validate(kind: 'list' | 'settings', document: unknown): readonly ErrorObject[] {
  if (validators === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    ajv.addSchema(SCHEMA, 'expectations');
    const get = (name: string): ValidateFunction => {
      const found = ajv.getSchema(`expectations#/$defs/${name}`);
      if (found === undefined) throw new Error(`schema/expectations.schema.json lacks ${name}`);
      return found;
    };
    validators = { list: get('list'), settings: get('settings') };
  }
  const validator = validators[kind];
  return validator(document) ? [] : (validator.errors ?? []);
}

export type ExpectationsResult =
  | {
      readonly ok: true;
      readonly expectations: readonly Expectation[];
      /** The file's `namespaceLabels`, by namespace (several documents add up); absent if none. */
      readonly namespaceLabels?: Readonly<Record<string, Labels>>;
    }
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
  const present = documents.filter((doc) => doc !== null && doc !== undefined);
  const several = present.length > 1;
  const problems: string[] = [];
  const expectations: Expectation[] = [];
  const namespaceLabels: Record<string, Labels> = {};
  let fileCni: string | undefined;
  present.forEach((doc, d) => {
    const prefix = several ? `document ${d + 1} ` : '';
    if (isSettings(doc)) {
      const errors = validate('settings', doc);
      problems.push(...settingsProblems(file, prefix, errors));
      if (errors.length > 0) return;
      if (doc.namespaceLabels !== undefined) addLabels(namespaceLabels, doc.namespaceLabels);
      if (typeof doc.cni === 'string') {
        const profile = findProfile(doc.cni);
        if (profile === undefined)
          problems.push(`${file}: ${prefix}cni: ${unknownProfile(doc.cni)}`);
        else fileCni = profile.name;
      }
      return;
    }
    const byEntry = schemaProblems(file, prefix, doc, validate('list', doc));
    if (!Array.isArray(doc)) {
      problems.push(...(byEntry.get(-1)?.problems ?? []));
      return;
    }
    doc.forEach((raw, i) => {
      const where = `${prefix}[${i}]`;
      const wrong = byEntry.get(i);
      if (wrong !== undefined) {
        problems.push(...wrong.problems);
        // Fields the schema accepted may still break the grammar the schema cannot express.
        if (typeof raw === 'object' && raw !== null && !isLateral(raw)) {
          const rest = checkExpectation(file, where, raw as Record<string, unknown>, wrong.fields);
          if ('problems' in rest) problems.push(...rest.problems);
        }
        return;
      }
      const lateral = isLateral(raw) ? lateralEntry(file, where, raw) : undefined;
      const checked =
        lateral === undefined
          ? checkExpectation(file, where, raw as Record<string, unknown>, new Set())
          : 'problems' in lateral
            ? lateral
            : { file, where, protocol: 'TCP' as const, ...lateral };
      if ('problems' in checked) {
        problems.push(...checked.problems);
        return;
      }
      // An expectation's own cni: a profile name (the schema checked it is a string).
      const cni = (raw as Record<string, unknown>).cni;
      const profile = typeof cni === 'string' ? findProfile(cni) : undefined;
      if (typeof cni !== 'string') expectations.push(checked);
      else if (profile === undefined)
        problems.push(`${file}: ${where}.cni: ${unknownProfile(cni)}`);
      else expectations.push({ ...checked, cni: profile.name });
    });
  });
  // An empty file and an empty list (`[]`) alike check nothing: a CI job passing on them is
  // more likely a wrong path or a failed generator than an intent.
  if (problems.length === 0 && expectations.length === 0)
    problems.push(`${file}: no expectations (expected a list of {from, to, port, expect})`);
  if (problems.length > 0) return { ok: false, problems };
  // The file's cni is every expectation's that names none (its documents may come in any order).
  const cni = fileCni;
  const withCni =
    cni === undefined
      ? expectations
      : expectations.map((e): Expectation => (e.cni === undefined ? { ...e, cni } : e));
  return Object.keys(namespaceLabels).length === 0
    ? { ok: true, expectations: withCni }
    : { ok: true, expectations: withCni, namespaceLabels };
}

/** A document of settings rather than a list: a mapping with `namespaceLabels`. */
function isSettings(
  doc: unknown,
): doc is { readonly namespaceLabels?: unknown; readonly cni?: unknown } {
  return (
    typeof doc === 'object' &&
    doc !== null &&
    !Array.isArray(doc) &&
    ('namespaceLabels' in doc || 'cni' in doc)
  );
}

/** A settings document's `namespaceLabels` (valid by the schema) added to `into`. */
function addLabels(into: Record<string, Labels>, given: unknown): void {
  for (const [namespace, labels] of Object.entries(
    given as Record<string, Record<string, string>>,
  )) {
    into[namespace] = new Map([...(into[namespace] ?? []), ...Object.entries(labels)]);
  }
}

/** The validator's errors about a settings document, as `FILE: PATH: message` lines. */
function settingsProblems(file: string, prefix: string, errors: readonly ErrorObject[]): string[] {
  const lines = errors.map((error) => {
    const path = error.instancePath.split('/').slice(1).join('.');
    const at = `${file}: ${prefix}${path === '' ? '' : `${path}: `}`;
    if (error.keyword === 'additionalProperties' && path === '') {
      return `${at}${String(error.params.additionalProperty)}: unknown field; a mapping takes only namespaceLabels and cni`;
    }
    if (path === 'cni') return `${at}expected a profile name such as cilium`;
    if (error.keyword === 'propertyNames') return `${at}names cannot be empty`;
    if (path.split('.').length === 3) return `${at}expected a label value (a string)`;
    return `${at}expected namespaceLabels: {NAMESPACE: {KEY: VALUE, ...}, ...}`;
  });
  return [...new Set(lines)];
}

/** What each field holds, in the words of a message; enums are read from the schema. */
function expected(field: string): string {
  switch (field) {
    case 'from':
    case 'to':
      return 'an endpoint such as shop/deploy/web';
    case 'port':
      return 'a port number (1-65535), a port name, a range such as 8000-8080 or 53/udp';
    case 'name':
      return 'a non-empty string';
    default: {
      const values = SCHEMA.$defs.expectation.properties[field]?.enum ?? [];
      const shown = [...new Set(values.map((v) => v.toUpperCase()))].map(
        (v) => values.find((w) => w.toUpperCase() === v) ?? v,
      );
      return shown.length < 2
        ? shown.join('')
        : `${shown.slice(0, -1).join(', ')} or ${shown.at(-1) ?? ''}`;
    }
  }
}

/** The schema's complaints about one entry: messages, and the fields they are about. */
interface EntryProblems {
  readonly problems: string[];
  readonly fields: Set<string>;
}

/**
 * The validator's errors as `FILE: [INDEX].FIELD: message` lines, one per place (a `oneOf`
 * reports each branch; the user needs one line), keyed by entry index (`-1`: the document).
 * `instancePath` (`/0/port`) becomes the path (`[0].port`).
 */
function schemaProblems(
  file: string,
  prefix: string,
  doc: unknown,
  errors: readonly ErrorObject[],
): Map<number, EntryProblems> {
  const byEntry = new Map<number, EntryProblems>();
  const seen = new Set<string>();
  for (const error of errors) {
    // `if` only says which branch failed; the branch's own errors say why.
    if (error.keyword === 'if') continue;
    const [index, field, ...inner] = error.instancePath.split('/').slice(1) as [
      string?,
      string?,
      ...string[],
    ];
    let message: string;
    let key: string | undefined = field;
    if (index === undefined) {
      message = `${file}: ${prefix}expected a list of expectations, got ${describe(doc)}`;
    } else {
      const where = `${file}: ${prefix}[${index}]`;
      const entry = (doc as unknown[])[Number(index)];
      if (field !== undefined && isLateral(entry) && LATERAL_KEYS.includes(field)) {
        // Inside noPath / maxBlastRadius: the field path, and what the object takes.
        const path = [field, ...inner].join('.');
        message =
          error.keyword === 'additionalProperties'
            ? `${where}.${path}.${String(error.params.additionalProperty)}: unknown field; ${field} takes ${lateralFields(field)}`
            : error.keyword === 'required'
              ? `${where}.${path}.${String(error.params.missingProperty)}: required field is missing`
              : `${where}.${path}: expected ${lateralExpected(field, inner[0])}`;
      } else if (error.keyword === 'oneOf' && field === undefined && isLateral(entry)) {
        message = `${where}: give one of noPath and maxBlastRadius per entry`;
      } else if (error.keyword === 'additionalProperties') {
        key = String(error.params.additionalProperty);
        const keys = isLateral(entry) ? ['name', ...LATERAL_KEYS] : EXPECTATION_KEYS;
        message = `${where}.${key}: unknown field; expectations take ${keys.join(', ')}`;
      } else if (error.keyword === 'required') {
        key = String(error.params.missingProperty);
        message = `${where}.${key}: required field is missing`;
      } else if (field === undefined) {
        message = `${where}: expected an object with ${REQUIRED_EXPECTATION_KEYS.slice(0, -1).join(', ')} and ${REQUIRED_EXPECTATION_KEYS.at(-1) ?? ''}, got ${describe(entry)}`;
      } else {
        const value = (entry as Record<string, unknown>)[field];
        message = `${where}.${field}: expected ${expected(field)}, got ${describe(value)}`;
      }
    }
    if (seen.has(message)) continue;
    seen.add(message);
    const n = index === undefined ? -1 : Number(index);
    const found = byEntry.get(n) ?? { problems: [], fields: new Set<string>() };
    found.problems.push(message);
    if (key !== undefined) found.fields.add(key);
    byEntry.set(n, found);
  }
  return byEntry;
}

/**
 * The checks a schema cannot express, on an entry of the right shape: endpoint grammar, port
 * ranges, a protocol that contradicts the port's. Fields in `skip` were already reported.
 */
function checkExpectation(
  file: string,
  where: string,
  record: Record<string, unknown>,
  skip: ReadonlySet<string>,
): Expectation | { problems: string[] } {
  const problems: string[] = [];
  const at = (field: string, message: string): void => {
    problems.push(`${file}: ${where}.${field}: ${message}`);
  };
  const text = (key: string): string | undefined => {
    const value = record[key];
    return typeof value === 'string' && !skip.has(key) ? value : undefined;
  };
  for (const key of ['from', 'to'] as const) {
    const value = text(key);
    if (value === undefined) continue;
    const parsed = parseEndpoint(value);
    if (!parsed.ok) at(key, parsed.message);
  }
  let port: PortArg | undefined;
  const rawPort = record.port;
  if ((typeof rawPort === 'number' || typeof rawPort === 'string') && !skip.has('port')) {
    const parsed = parsePortQuery(`${rawPort}`);
    if (parsed.ok) port = parsed.port;
    else at('port', parsed.message);
  }
  let protocol: Protocol | undefined = port?.protocol;
  const rawProtocol = text('protocol');
  if (rawProtocol !== undefined) {
    const named = PROTOCOLS.find((p) => p === rawProtocol.toUpperCase()) ?? 'TCP';
    if (protocol !== undefined && protocol !== named) {
      at('protocol', `${named} contradicts the port ${typeof rawPort === 'string' ? rawPort : ''}`);
    } else {
      protocol = named;
    }
  }
  if (problems.length > 0 || skip.size > 0) return { problems };

  const from = record.from as string;
  const to = record.to as string;
  const match = record.match as MatchMode | undefined;
  const resolvedProtocol = protocol ?? 'TCP';
  const portText = port === undefined ? '' : ` ${resolvedProtocol}/${portBody(port)}`;
  return {
    file,
    where,
    name: (record.name as string | undefined) ?? `${from} -> ${to}${portText}`,
    from,
    to,
    ...(port === undefined ? {} : { port }),
    protocol: resolvedProtocol,
    expect: record.expect as 'allow' | 'deny',
    ...(match === undefined ? {} : { match }),
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
