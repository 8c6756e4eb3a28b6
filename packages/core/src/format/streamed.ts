/**
 * A list in a document that is produced while the document is written, never held whole:
 * {@link writeJson} and {@link writeYaml} write it as an array, one item at a time.
 */
export class Streamed<T = unknown> {
  constructor(
    readonly items: Iterable<T>,
    /**
     * A faster way to write one item as JSON: what `JSON.stringify(item, null, 2)` gives with
     * `indent` after every newline. Without it, the writer calls `JSON.stringify`.
     */
    readonly json?: (item: T, indent: string) => string,
  ) {}
}

/**
 * Marks `items` as a list to write as it is produced.
 * @param items - iterated once, in order, while the document is written
 * @param json - optional fast JSON encoder of one item (see {@link Streamed.json})
 * @returns a value to put in a {@link StreamDocument} field
 */
export function streamed<T>(
  items: Iterable<T>,
  json?: (item: T, indent: string) => string,
): Streamed<T> {
  return new Streamed(items, json);
}

/**
 * A top-level document (an object) whose fields are plain JSON values or {@link Streamed}
 * lists. Keys are written in insertion order; `undefined` fields are left out, as
 * `JSON.stringify` does.
 */
export type StreamDocument = Readonly<Record<string, unknown>>;
