/**
 * A fast reader for the plain block YAML that generators, `kubectl get -o yaml` and js-yaml's
 * own `dump` write: block mappings and sequences, one scalar per line, plain scalars that are
 * words, integers or addresses, quotes without escapes, `[]` and `{}`. It gives exactly what
 * js-yaml's core schema gives for such a document, and `undefined` for anything else (comments
 * after content, block scalars, flow collections, anchors, tags, floats, multi-line scalars,
 * duplicate keys, ...), which the caller then reads with js-yaml. Being several times faster
 * than js-yaml on what it accepts is its only reason to exist: it is held to js-yaml by
 * differential tests, and it never reports an error of its own.
 */

/** Why a document was not read: any construct outside the subset. */
const OUTSIDE = Symbol('outside the simple subset');

/** A line of the document being read: where its content starts and ends. */
interface Cursor {
  readonly text: string;
  /** Offsets of each content line (blank and comment-only lines dropped): start, end, indent. */
  readonly starts: number[];
  readonly ends: number[];
  readonly indents: number[];
  line: number;
  /** Overrides the start of the current line's content (after a `- ` on that line). */
  column: number;
  depth: number;
  readonly maxDepth: number;
}

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;

/**
 * Reads one YAML document (the text of one `---` chunk) when it is in the simple subset.
 * @param text - the document, optionally starting with a bare `---` line
 * @param maxDepth - deeper nesting is left to js-yaml (which reports it)
 * @returns the value js-yaml would give, or `undefined` when the text is outside the subset
 */
export function readSimpleYaml(text: string, maxDepth: number): unknown {
  const cursor = scan(text, maxDepth);
  if (cursor === undefined || cursor.starts.length === 0) return undefined;
  try {
    const value = readBlock(cursor, cursor.indents[0] as number);
    return cursor.line === cursor.starts.length ? value : undefined;
  } catch (error) {
    if (error === OUTSIDE) return undefined;
    throw error;
  }
}

/** Splits the text into content lines; `undefined` for tabs, `\r`, directives and the like. */
function scan(text: string, maxDepth: number): Cursor | undefined {
  // Tabs, `\r`, control characters (js-yaml refuses most of them), BOMs, surrogates (pairs too).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this finds.
  if (/[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]/.test(text)) {
    return undefined;
  }
  const starts: number[] = [];
  const ends: number[] = [];
  const indents: number[] = [];
  let from = 0;
  let first = true;
  while (from <= text.length) {
    let end = text.indexOf('\n', from);
    if (end < 0) end = text.length;
    let at = from;
    while (at < end && text.charCodeAt(at) === SPACE) at++;
    if (first && text.startsWith('---', from)) {
      // The document's own marker: bare, or with a comment only.
      const rest = text.slice(from + 3, end).trim();
      if (rest !== '' && !rest.startsWith('#')) return undefined;
    } else if (at < end && text.charCodeAt(at) !== HASH) {
      const c = text.charCodeAt(from);
      if (
        at === from &&
        (c === 37 || text.startsWith('...', from) || text.startsWith('---', from))
      ) {
        return undefined; // a directive, a document end or another document
      }
      let last = end;
      while (text.charCodeAt(last - 1) === SPACE) last--;
      starts.push(at);
      ends.push(last);
      indents.push(at - from);
    }
    first = false;
    from = end + 1;
  }
  return { text, starts, ends, indents, line: 0, column: -1, depth: 0, maxDepth };
}

function outside(): never {
  throw OUTSIDE;
}

/** Where the current line's content starts (after a `- ` already consumed on it). */
function contentStart(cursor: Cursor): number {
  return cursor.column >= 0 ? cursor.column : (cursor.starts[cursor.line] as number);
}

/** The column of the current line's content. */
function contentIndent(cursor: Cursor): number {
  if (cursor.column < 0) return cursor.indents[cursor.line] as number;
  const lineStart =
    (cursor.starts[cursor.line] as number) - (cursor.indents[cursor.line] as number);
  return cursor.column - lineStart;
}

/** A block (mapping or sequence) whose first line is the current one, at `indent`. */
function readBlock(cursor: Cursor, indent: number): unknown {
  if (++cursor.depth > cursor.maxDepth) outside();
  const start = contentStart(cursor);
  const { text } = cursor;
  const isSequence =
    text.charCodeAt(start) === DASH &&
    (start + 1 === (cursor.ends[cursor.line] as number) || text.charCodeAt(start + 1) === SPACE);
  const value = isSequence ? readSequence(cursor, indent) : readMapping(cursor, indent);
  cursor.depth--;
  return value;
}

/** Whether the cursor is on a line whose content sits at `indent`. */
function atIndent(cursor: Cursor, indent: number): boolean {
  return cursor.line < cursor.starts.length && contentIndent(cursor) === indent;
}

function readSequence(cursor: Cursor, indent: number): unknown[] {
  const { text } = cursor;
  const items: unknown[] = [];
  while (atIndent(cursor, indent)) {
    const start = contentStart(cursor);
    const end = cursor.ends[cursor.line] as number;
    // A line at this indent that is no `-` item ends a sequence written at its key's indent.
    if (text.charCodeAt(start) !== DASH) break;
    if (start + 1 === end) {
      // `-` alone: the item is the block below, or null.
      cursor.column = -1;
      cursor.line++;
      items.push(nested(cursor, indent, false));
      continue;
    }
    if (text.charCodeAt(start + 1) !== SPACE) outside();
    let at = start + 2;
    while (text.charCodeAt(at) === SPACE) at++;
    if (keyEnd(text, at, end) >= 0) {
      // `- key: value`: a mapping whose first entry shares the dash's line.
      cursor.column = at;
      items.push(readBlock(cursor, contentIndent(cursor)));
    } else {
      items.push(scalar(text, at, end));
      cursor.column = -1;
      cursor.line++;
      if (cursor.line < cursor.starts.length && (cursor.indents[cursor.line] as number) > indent) {
        outside(); // a plain scalar continued on the next line
      }
    }
  }
  return items;
}

function readMapping(cursor: Cursor, indent: number): Record<string, unknown> {
  const { text } = cursor;
  const map: Record<string, unknown> = {};
  while (atIndent(cursor, indent)) {
    const start = contentStart(cursor);
    const end = cursor.ends[cursor.line] as number;
    const colon = keyEnd(text, start, end);
    if (colon < 0) outside();
    const key = mappingKey(text.slice(start, colon));
    if (Object.hasOwn(map, key)) outside(); // js-yaml's duplicate-key error
    let at = colon + 1;
    while (at < end && text.charCodeAt(at) === SPACE) at++;
    cursor.column = -1;
    if (at === end) {
      cursor.line++;
      map[key] = nested(cursor, indent, true);
    } else {
      map[key] = scalar(text, at, end);
      cursor.line++;
      if (cursor.line < cursor.starts.length && (cursor.indents[cursor.line] as number) > indent) {
        outside(); // a plain scalar continued on the next line, or a misplaced block
      }
    }
  }
  return map;
}

/**
 * The value of an entry with nothing after its `:` or `-`: the block on the following lines
 * when it is indented deeper (or, for a mapping value, a sequence at the key's own indent), and
 * null when there is none.
 */
function nested(cursor: Cursor, indent: number, mappingValue: boolean): unknown {
  if (cursor.line >= cursor.starts.length) return null;
  const next = cursor.indents[cursor.line] as number;
  if (next > indent) return readBlock(cursor, next);
  if (mappingValue && next === indent) {
    const start = cursor.starts[cursor.line] as number;
    const end = cursor.ends[cursor.line] as number;
    const dash =
      cursor.text.charCodeAt(start) === DASH &&
      (start + 1 === end || cursor.text.charCodeAt(start + 1) === SPACE);
    if (dash) return readBlock(cursor, next);
  }
  return null;
}

/** Characters a simple key is made of. */
const KEY = /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/;
/** Words the core schema reads as null or a boolean. */
const SPECIAL_WORD = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/**
 * The offset of the `:` ending a simple key at `start` (followed by a space or the end of the
 * line), or -1 when the line is no `key:` entry.
 */
function keyEnd(text: string, start: number, end: number): number {
  for (let at = start; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c === COLON) {
      return at + 1 === end || text.charCodeAt(at + 1) === SPACE ? at : -1;
    }
    if (c === SPACE || c === 34 || c === 39 || c === HASH || c === 123 || c === 91) return -1;
  }
  return -1;
}

/** A key as js-yaml stores it; keys that would not stay the same text are left to js-yaml. */
function mappingKey(key: string): string {
  if (!KEY.test(key) || SPECIAL_WORD.test(key) || key === '__proto__') outside();
  const c = key.charCodeAt(0);
  if (c >= 48 && c <= 57 && !/^(?:0|[1-9][0-9]{0,14})$/.test(key)) outside();
  return key;
}

/**
 * Plain scalars read as strings: they start with a letter or `_` (so no number, and no
 * indicator), hold printable ASCII, no `: ` (a mapping) and no ` #` (a comment), and do not end
 * with `:`. The core schema reads every such text as a string, except the words of
 * {@link SPECIAL_WORD}.
 */
function isPlainText(value: string): boolean {
  const first = value.charCodeAt(0);
  const letter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 95;
  if (!letter || value.endsWith(':')) return false;
  for (let i = 1; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 32 || c > 126) return false;
    if (c === SPACE && (value.charCodeAt(i + 1) === HASH || value.charCodeAt(i - 1) === COLON)) {
      return false;
    }
  }
  return true;
}
const INTEGER = /^(?:0|[1-9][0-9]{0,14})$/;
/** Dotted addresses with at least two dots, or with a prefix length: never numbers. */
const ADDRESS = /^[0-9]+(?:(?:\.[0-9]+){2,}(?:\/[0-9]+)?|(?:\.[0-9]+)?\/[0-9]+)$/;

/**
 * IPv6 addresses and prefixes: hex groups and colons with a `::` or a hex letter (so never the
 * sexagesimal numbers of YAML 1.1, `1:20`), optionally a dotted IPv4 tail and a prefix length.
 */
const IPV6 =
  /^(?=[0-9a-fA-F:.]*(?:::|[a-fA-F]))[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}(?:\.[0-9]{1,3}){0,3}(?:\/[0-9]{1,3})?$/;

/** The value of a scalar written from `start` to `end` on one line. */
function scalar(text: string, start: number, end: number): unknown {
  const c = text.charCodeAt(start);
  if (c === 34 || c === 39) {
    // "..." or '...' with no escape and no quote inside.
    if (end - start < 2 || text.charCodeAt(end - 1) !== c) outside();
    const inner = text.slice(start + 1, end - 1);
    if (inner.includes(c === 34 ? '"' : "'") || (c === 34 && inner.includes('\\'))) outside();
    return inner;
  }
  const value = text.slice(start, end);
  if (value === '[]') return [];
  if (value === '{}') return {};
  if (isPlainText(value)) {
    if (!SPECIAL_WORD.test(value)) return value;
    const first = value.charCodeAt(0);
    return first === 110 || first === 78 ? null : first === 116 || first === 84;
  }
  if (INTEGER.test(value)) return Number(value);
  if (ADDRESS.test(value) || IPV6.test(value)) return value;
  return outside();
}
