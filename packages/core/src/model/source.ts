/** Where an object came from: the file (or other source name) and its document index in it. */
export interface SourceRef {
  /** File path or other name given to the parser, e.g. `policies/deny.yaml` or `<stdin>`. */
  readonly file: string;
  /** Zero-based index of the YAML document (or JSON value) in that file. */
  readonly doc: number;
  /** Zero-based index inside a `List` document's `items`, when the object came from one. */
  readonly item?: number;
}
