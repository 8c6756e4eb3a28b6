import { CORE_SCHEMA, loadAll, mergeTag, YAMLException } from 'js-yaml';
import { type DecodeContext, error } from './context.js';
import type { RawObject } from './decode-object.js';
import { decodeList } from './decode-values.js';
import { describe, getOwn, isRecord } from './guards.js';
import type { Issue } from './issue.js';
import { parseJsonDocument } from './json-document.js';
import { measure } from './measure.js';
import { readText } from './read-text.js';
import { readSimpleYaml } from './simple-yaml.js';

/** One input to the parser: a name for messages (a file path, `<stdin>`) and its content. */
export interface ManifestSource {
  readonly name: string;
  /** The text, or the raw bytes of a file (UTF-8; anything else is refused). */
  readonly text: string | Uint8Array;
}

/** The objects found in one source, and the problems met on the way. */
export interface DocumentsResult {
  readonly objects: readonly RawObject[];
  readonly issues: readonly Issue[];
}

/** Default for `ParseOptions.maxBytes`: 64 MiB per source. */
export const DEFAULT_MAX_BYTES: number = 64 * 1024 * 1024;

/** Deepest nesting of collections accepted, aliases expanded. */
export const MAX_DEPTH = 200;

/** Nodes a source may expand to (aliases expanded): this plus one per character of text. */
export const NODE_BUDGET = 1_000_000;

/**
 * Documents (`---` separated, empty ones included) a source may hold: far more than any real
 * stream (a List counts once), few enough that a stream of bare `---` lines ends quickly.
 */
export const MAX_DOCUMENTS = 500_000;

// The YAML 1.2 core schema (strings, numbers, booleans, null, lists, mappings) plus `<<` merge
// keys, which kubectl's YAML reader also supports. No tag constructs anything else; an unknown
// tag is a syntax error. Duplicate keys are an error, as they are for kubectl.
const SCHEMA = CORE_SCHEMA.withTags(mergeTag);

/**
 * Splits a source into Kubernetes objects: reads the text, parses the YAML stream (JSON is
 * YAML), and flattens `List` documents (`kind: List` and typed lists such as `PodList`, whose
 * items may then omit apiVersion and kind). Empty and comment-only documents are skipped
 * silently (helm emits them); scalars and lists are `not-an-object` errors with the document's
 * first line, as the API server would refuse them.
 * Never throws.
 *
 * @param source - the source to read.
 * @param maxBytes - refuse sources larger than this many bytes.
 * @returns the objects, each with its document index (and item index in a List), and issues.
 */
export function parseDocuments(
  source: ManifestSource,
  maxBytes: number = DEFAULT_MAX_BYTES,
): DocumentsResult {
  const issues: Issue[] = [];
  const file = source.name;
  const fileCtx: DecodeContext = { issues, file };
  const read = readText(source.text, maxBytes);
  if (!read.ok) {
    error(fileCtx, read.code, [], read.message);
    return { objects: [], issues };
  }
  const comment = cStyleComment(read.text, file);
  if (comment !== undefined) {
    issues.push({
      code: 'yaml-syntax',
      severity: 'error',
      message:
        'a `//` or `/*` comment: JSON has no comments and YAML reads this line as text, so the document would be skipped; remove it (or use # in YAML)',
      file,
      path: [],
      line: comment + 1,
    });
    return { objects: [], issues };
  }
  // A source that is one JSON value skips the YAML parser; anything else, or JSON the YAML
  // path would judge differently (duplicate keys, too deep), is read as YAML.
  const json = parseJsonDocument(read.text, MAX_DEPTH);
  const yaml = json === undefined ? yamlDocuments(read.text, issues, file) : undefined;
  if (yaml === 'too-many') {
    error(fileCtx, 'input-too-large', [], `more than ${MAX_DOCUMENTS} documents`);
    return { objects: [], issues };
  }
  const { docs, lines } = yaml ?? { docs: [json?.value], lines: [json?.line ?? 1] };
  const failure = measure(docs, NODE_BUDGET + read.text.length, MAX_DEPTH);
  if (failure !== undefined) {
    error(
      fileCtx,
      'input-too-large',
      [],
      failure === 'depth'
        ? `nested deeper than ${MAX_DEPTH} levels once aliases are expanded`
        : 'too many nodes once aliases are expanded (an alias bomb?)',
    );
    return { objects: [], issues };
  }
  const objects: RawObject[] = [];
  docs.forEach((doc, i) => {
    if (doc === null || doc === undefined) return;
    const ctx: DecodeContext = { issues, file, doc: i };
    const line = lines[i] ?? 1;
    if (!isRecord(doc)) {
      issues.push({
        code: 'not-an-object',
        severity: 'error',
        message: `not a Kubernetes object: expected a mapping with apiVersion and kind, got ${describe(doc)}`,
        file,
        doc: i,
        path: [],
        line,
      });
      return;
    }
    const kind = getOwn(doc, 'kind');
    const isList =
      kind === 'List' ||
      (typeof kind === 'string' && kind.endsWith('List') && Object.hasOwn(doc, 'items'));
    if (!isList) {
      objects.push({ value: doc, doc: i, line });
      return;
    }
    const apiVersion = getOwn(doc, 'apiVersion');
    const defaults =
      kind !== 'List' && typeof kind === 'string' && typeof apiVersion === 'string'
        ? { apiVersion, kind: kind.slice(0, -'List'.length) }
        : undefined;
    const items = decodeList(ctx, getOwn(doc, 'items'), ['items']) ?? [];
    items.forEach((item, j) => {
      if (isRecord(item)) {
        objects.push({
          value: item,
          doc: i,
          item: j,
          line,
          ...(defaults === undefined ? {} : { defaults }),
        });
      } else {
        error(
          { issues, file, doc: i, item: j },
          'not-an-object',
          [],
          `not a Kubernetes object: expected a mapping with apiVersion and kind, got ${describe(item)}`,
        );
      }
    });
  });
  return { objects, issues };
}

/**
 * The documents of a YAML stream and the line each starts on, or `too-many` past
 * {@link MAX_DOCUMENTS}.
 */
function yamlDocuments(
  text: string,
  issues: Issue[],
  file: string,
): { docs: unknown[]; lines: number[] } | 'too-many' {
  const chunks = splitDocuments(text);
  if (chunks.length > MAX_DOCUMENTS) return 'too-many';
  const blank = chunks.map((chunk) => isBlankDocument(chunk.text));
  const whole = wholeStream(text, chunks, blank);
  if (whole !== undefined) {
    const docs: unknown[] = [];
    const lines: number[] = [];
    let next = 0;
    chunks.forEach((chunk, i) => {
      docs.push(blank[i] ? null : whole[next++]);
      lines.push(blank[i] ? chunk.firstLine + 1 : contentLine(chunk));
    });
    return { docs, lines };
  }
  // Each document is parsed on its own, so a syntax error in one does not hide the problems
  // of the others (an empty slot keeps the numbering of the documents after it).
  const docs: unknown[] = [];
  const lines: number[] = [];
  for (const [i, chunk] of chunks.entries()) {
    // An empty document (a bare `---`, comments) costs nothing: helm emits many.
    if (blank[i]) {
      docs.push(null);
      lines.push(chunk.firstLine + 1); // never read: empty documents hold no object
      continue;
    }
    const loaded = loadYaml(chunk.text, { issues, file, doc: docs.length }, chunk.firstLine);
    const line = contentLine(chunk);
    if (loaded === undefined) docs.push(undefined);
    else docs.push(...loaded);
    while (lines.length < docs.length) lines.push(line);
  }
  return { docs, lines };
}

/** A line `...` (document end): after one, a document may start without `---`. */
const DOCUMENT_END = /^\.\.\.(?:[ \t\r]|$)/m;

/**
 * The documents of the whole stream, one per non-blank chunk, in order, when no document has a
 * syntax error: those in the simple subset from {@link readSimpleYaml}, the others from one
 * js-yaml call over them all (one call for a stream costs about half as much as one per
 * document). `undefined` when that does not pair up one document per chunk (a `...` line, a
 * syntax error, a directive), and the caller parses chunk by chunk, which reports each error
 * where it is.
 */
function wholeStream(
  text: string,
  chunks: readonly DocumentChunk[],
  blank: readonly boolean[],
): unknown[] | undefined {
  const docs: unknown[] = [];
  const rest: number[] = [];
  chunks.forEach((chunk, i) => {
    if (blank[i]) return;
    const simple = readSimpleYaml(chunk.text, MAX_DEPTH);
    if (simple === undefined) rest.push(docs.length);
    docs.push(simple);
  });
  if (rest.length === 0) return docs;
  let restText = text;
  if (rest.length < docs.length) {
    // The chunks js-yaml reads, as one stream: each starts a document with its own `---`.
    const texts = chunks.filter((_, i) => !blank[i]).map((chunk) => chunk.text);
    const pieces = rest.map((at) => texts[at] as string);
    if (pieces.some((piece) => piece.startsWith('%'))) return undefined;
    restText = pieces.map((piece) => (startsDocument(piece) ? piece : `---\n${piece}`)).join('\n');
  }
  if (DOCUMENT_END.test(restText)) return undefined;
  let loaded: unknown[];
  try {
    loaded = loadAll(restText, { schema: SCHEMA, maxDepth: MAX_DEPTH });
  } catch {
    return undefined;
  }
  if (loaded.length !== rest.length) return undefined;
  rest.forEach((at, j) => {
    docs[at] = loaded[j];
  });
  return docs;
}

/** The 1-based line of a chunk's first content (not blank, comment, directive or `---`). */
export function contentLine(chunk: DocumentChunk): number {
  const { text } = chunk;
  // Line by line without splitting the chunk: the first content line is usually the second.
  for (let i = 0, from = 0; ; i++) {
    const end = text.indexOf('\n', from);
    const line = text.slice(from, end < 0 ? text.length : end);
    const skipped =
      /^\s*(#.*)?\r?$/.test(line) || line.startsWith('%') || /^---\s*(#.*)?\r?$/.test(line);
    if (!skipped) return chunk.firstLine + i + 1;
    if (end < 0) return chunk.firstLine + 1;
    from = end + 1;
  }
}

/** A stretch of a YAML stream holding one document (or none), and the line it starts on. */
export interface DocumentChunk {
  readonly text: string;
  /** Zero-based line of the chunk's first line in the whole text. */
  readonly firstLine: number;
}

const BLANK_OR_COMMENT = /^[ \t]*(?:#.*)?\r?$/;
const C_COMMENT_LINE = /^[ \t]*\/[/*]/m;
const MARKER = /^---(?:[ \t\r]|$)/;

/** Whether a chunk's first line is a `---` marker. */
function startsDocument(chunk: string): boolean {
  const end = chunk.indexOf('\n');
  return MARKER.test(end < 0 ? chunk : chunk.slice(0, end));
}

/** True when a chunk holds no document: an optional `---` (with a comment), blank lines, comments. */
export function isBlankDocument(text: string): boolean {
  // Line by line, stopping at the first content line (most chunks hold a document).
  for (let i = 0, from = 0; ; i++) {
    const end = text.indexOf('\n', from);
    const line = text.slice(from, end < 0 ? text.length : end);
    if (i === 0 && MARKER.test(line)) {
      if (!BLANK_OR_COMMENT.test(line.slice(3))) return false;
    } else if (!BLANK_OR_COMMENT.test(line)) {
      return false;
    }
    if (end < 0) return true;
    from = end + 1;
  }
}

/**
 * The zero-based line of a C-style comment (`//` or `/*` starting a line) that would make a
 * document silently skipped: any such line of a `.json` source (JSON strings cannot span
 * lines, so it is never content), or one that opens a document of any source.
 */
function cStyleComment(text: string, file: string): number | undefined {
  // Almost no stream has such a line: one search of the whole text settles it (`^` with the m
  // flag also matches after `\r`, so it finds every line the scan below would look at, and more).
  if (!C_COMMENT_LINE.test(text)) return undefined;
  const json = /\.json$/i.test(file);
  const lines = text.split('\n');
  let opening = true;
  for (const [i, line] of lines.entries()) {
    if (MARKER.test(line)) {
      opening = true;
      continue;
    }
    if (/^[ \t]*\/[/*]/.test(line)) {
      if (json || opening) return i;
    } else if (!BLANK_OR_COMMENT.test(line) && !line.startsWith('%')) {
      opening = false;
    }
  }
  return undefined;
}

/**
 * Cuts a YAML stream before every document-start marker (`---` at the start of a line). A
 * marker cannot occur inside a document's content at column 0 in the manifests we read (block
 * scalars are indented), so each chunk holds exactly one document. Directives (`%YAML 1.1`)
 * stay with the document their `---` starts.
 */
export function splitDocuments(text: string): DocumentChunk[] {
  // Found by searching the text for markers (a line that is `---`, alone or followed by a space,
  // a tab or `\r`), slicing chunks out of it: no array of every line of a large stream.
  const chunks: DocumentChunk[] = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  let at = 0;
  for (let nl = text.indexOf('\n---'); nl >= 0; nl = text.indexOf('\n---', nl + 1)) {
    const marker = nl + 1;
    const after = marker + 3 < text.length ? text.charCodeAt(marker + 3) : 10;
    if (after !== 10 && after !== 13 && after !== 32 && after !== 9) continue;
    for (let k = text.indexOf('\n', at); k >= 0 && k < marker; k = text.indexOf('\n', at)) {
      line++;
      at = k + 1;
    }
    // Directives right before the marker (after comments and blanks) open this document.
    let j = line;
    let jStart = marker;
    let directive = false;
    while (j > startLine) {
      const prevStart = jStart >= 2 ? text.lastIndexOf('\n', jStart - 2) + 1 : 0;
      const prev = text.slice(prevStart, jStart - 1);
      if (!/^%|^[ \t]*(?:#.*)?\r?$/.test(prev)) break;
      j--;
      jStart = prevStart;
      if (prev.startsWith('%')) directive = true;
    }
    const cut = directive ? j : line;
    const cutStart = directive ? jStart : marker;
    if (cut > startLine) {
      chunks.push({ text: text.slice(start, cutStart - 1), firstLine: startLine });
      start = cutStart;
      startLine = cut;
    }
  }
  chunks.push({ text: text.slice(start), firstLine: startLine });
  return chunks;
}

function loadYaml(text: string, ctx: DecodeContext, firstLine: number): unknown[] | undefined {
  try {
    return loadAll(text, { schema: SCHEMA, maxDepth: MAX_DEPTH });
  } catch (e) {
    if (e instanceof YAMLException) {
      const mark = e.mark;
      const tooDeep = e.reason.startsWith('nesting exceeded maxDepth');
      const issue: Issue = {
        code: tooDeep ? 'input-too-large' : 'yaml-syntax',
        severity: 'error',
        message: tooDeep
          ? `nested deeper than ${MAX_DEPTH} levels`
          : `invalid YAML: ${e.reason}${mark ? ` (column ${mark.column + 1})` : ''}`,
        file: ctx.file,
        ...(ctx.doc === undefined ? {} : { doc: ctx.doc }),
        path: [],
        ...(mark ? { line: firstLine + mark.line + 1 } : {}),
      };
      ctx.issues.push(issue);
    } else {
      const reason = e instanceof Error ? e.message : String(e);
      const tooLarge = e instanceof RangeError;
      error(
        ctx,
        tooLarge ? 'input-too-large' : 'yaml-syntax',
        [],
        tooLarge ? `too large or too deep to parse (${reason})` : `invalid YAML: ${reason}`,
      );
    }
    return undefined;
  }
}
