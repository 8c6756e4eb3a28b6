/** Outcome of turning a source's content into text. */
export type TextResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly code: 'input-too-large' | 'not-text'; readonly message: string };

/**
 * Turns a source's content into text, refusing what is not worth parsing: more than `maxBytes`
 * bytes (checked before decoding), bytes that are not UTF-8, and text with NUL characters
 * (a binary file). A UTF-8 byte order mark is dropped.
 */
export function readText(content: string | Uint8Array, maxBytes: number): TextResult {
  if (typeof content === 'string') {
    if (utf8Length(content, maxBytes) > maxBytes) return tooLarge(maxBytes);
    return checkNul(content);
  }
  if (content.byteLength > maxBytes) return tooLarge(maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    const utf16 =
      content.byteLength >= 2 &&
      ((content[0] === 0xff && content[1] === 0xfe) ||
        (content[0] === 0xfe && content[1] === 0xff));
    return {
      ok: false,
      code: 'not-text',
      message: utf16
        ? 'the file is UTF-16 text; only UTF-8 is read'
        : 'not UTF-8 text (a binary file?)',
    };
  }
  return checkNul(text);
}

function checkNul(text: string): TextResult {
  if (text.includes('\0')) {
    return { ok: false, code: 'not-text', message: 'contains NUL characters (a binary file?)' };
  }
  return { ok: true, text: text.startsWith('\uFEFF') ? text.slice(1) : text };
}

function tooLarge(maxBytes: number): TextResult {
  return {
    ok: false,
    code: 'input-too-large',
    message: `larger than the limit of ${maxBytes} bytes (ParseOptions.maxBytes)`,
  };
}

/** The UTF-8 length of a string, counting no further than just past `limit`. */
function utf8Length(text: string, limit: number): number {
  // A UTF-16 code unit is at least one UTF-8 byte and at most three.
  if (text.length > limit) return text.length;
  if (text.length * 3 <= limit) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
