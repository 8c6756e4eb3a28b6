import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentLine, isBlankDocument, splitDocuments } from './parse-documents.js';

// splitDocuments and the line scans of parseDocuments search the text instead of splitting it
// into lines. These hold them to the line-array form they replaced, on streams built from lines
// that sit on every edge: markers with and without trailing text, directives, comments, blanks,
// `\r`, and content that only looks like a marker.

const MARKER = /^---(?:[ \t\r]|$)/;
const BLANK = /^[ \t]*(?:#.*)?\r?$/;

/** The line-array splitDocuments, as it was: the oracle. */
function splitByLines(text: string): { text: string; firstLine: number }[] {
  const lines = text.split('\n');
  const chunks: { text: string; firstLine: number }[] = [];
  let start = 0;
  for (let i = 1; i < lines.length; i++) {
    if (!MARKER.test(lines[i] ?? '')) continue;
    let j = i;
    let directive = false;
    while (j > start && /^%|^[ \t]*(?:#.*)?\r?$/.test(lines[j - 1] ?? '')) {
      j--;
      if ((lines[j] ?? '').startsWith('%')) directive = true;
    }
    const cut = directive ? j : i;
    if (cut > start) {
      chunks.push({ text: lines.slice(start, cut).join('\n'), firstLine: start });
      start = cut;
    }
  }
  chunks.push({ text: lines.slice(start).join('\n'), firstLine: start });
  return chunks;
}

const LINES = [
  '---',
  '--- ',
  '---\r',
  '--- # doc',
  '---\ta: 1',
  '---x',
  ' ---',
  '--',
  '%YAML 1.2',
  '%TAG ! tag:example.com,2000:',
  '# comment',
  '  # indented comment',
  '',
  '   ',
  '\r',
  'a: 1',
  'b: [1, 2]',
  '  - c',
  '...',
  'kind: Pod',
  '// not yaml',
];
const streams = fc
  .array(fc.constantFrom(...LINES), { maxLength: 14 })
  .chain((lines) => fc.constantFrom(lines.join('\n'), `${lines.join('\n')}\n`));

describe('splitDocuments', () => {
  it('cuts where the line-array form cuts, with the same first lines', () => {
    fc.assert(
      fc.property(streams, (text) => {
        expect(splitDocuments(text)).toEqual(splitByLines(text));
      }),
    );
  });

  it('finds blank chunks and content lines as the line-array form does', () => {
    fc.assert(
      fc.property(streams, (text) => {
        for (const chunk of splitDocuments(text)) {
          const lines = chunk.text.split('\n');
          const first = lines[0] ?? '';
          const blank =
            !(MARKER.test(first) && !BLANK.test(first.slice(3))) &&
            lines.every((line, i) => (i === 0 && MARKER.test(line)) || BLANK.test(line));
          expect(isBlankDocument(chunk.text)).toBe(blank);
          const at = lines.findIndex(
            (line) =>
              !(
                /^\s*(#.*)?\r?$/.test(line) ||
                line.startsWith('%') ||
                /^---\s*(#.*)?\r?$/.test(line)
              ),
          );
          expect(contentLine(chunk)).toBe(chunk.firstLine + Math.max(at, 0) + 1);
        }
      }),
    );
  });
});
