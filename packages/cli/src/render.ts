import { dump } from 'js-yaml';
import type { OutputFormat } from './command.js';

/**
 * A machine-readable document as `-o json` (two-space indented, like kubectl) or `-o yaml`
 * prints it. Keys keep the order the object was built in.
 */
export function renderDocument(format: Exclude<OutputFormat, 'table'>, doc: object): string {
  return format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : dump(doc, { noRefs: true });
}

/** `1 file`, `2 files`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
