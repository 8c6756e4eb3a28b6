// Messages in kube-apiserver's wording (k8s.io/apimachinery field errors), without the field
// path, which the issue carries separately.

const MAX_SHOWN = 80;

/** Cuts text written by the user to a length fit for a one-line message. */
export function clip(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}...` : text;
}

/** Escapes line breaks and other control characters, so that a message stays on one line. */
export function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the target.
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** Renders a value the way Go's field errors do: strings quoted, numbers bare, long text cut. */
export function showValue(value: string | number | boolean): string {
  return typeof value === 'string' ? JSON.stringify(clip(value)) : String(value);
}

/** `Required value` or `Required value: <detail>`. */
export function requiredMessage(detail?: string): string {
  return detail === undefined ? 'Required value' : `Required value: ${detail}`;
}

/** `Invalid value: "x": <detail>`. */
export function invalidMessage(value: string | number | boolean, detail: string): string {
  return `Invalid value: ${showValue(value)}: ${detail}`;
}

/** `Unsupported value: "x": supported values: "A", "B"` (supported values sorted). */
export function unsupportedMessage(value: string, supported: readonly string[]): string {
  const list = [...supported].sort().map((s) => JSON.stringify(s));
  return `Unsupported value: ${showValue(value)}: supported values: ${list.join(', ')}`;
}

/** `Forbidden: <detail>`. */
export function forbiddenMessage(detail: string): string {
  return `Forbidden: ${detail}`;
}

/** `Duplicate value: "x"`. */
export function duplicateMessage(value: string | number): string {
  return `Duplicate value: ${showValue(value)}`;
}

/** `expected a list, got a string`. */
export function wrongTypeMessage(expected: string, got: string): string {
  return `expected ${expected}, got ${got}`;
}

/** `Too many: 101: must have at most 100 items`. */
export function tooManyMessage(count: number, max: number): string {
  return `Too many: ${count}: must have at most ${max} items`;
}
