/** One step of a field path: a field name or a list index. */
export type PathSegment = string | number;

/** Stable codes for problems in the user's input. */
export type IssueCode =
  | 'yaml-syntax'
  | 'input-too-large'
  | 'not-text'
  | 'not-an-object'
  | 'unknown-kind'
  | 'missing-field'
  | 'wrong-type'
  | 'invalid-value'
  | 'invalid-name'
  | 'invalid-label'
  | 'bad-selector-operator'
  | 'bad-port'
  | 'bad-protocol'
  | 'bad-cidr'
  | 'duplicate-object'
  | 'unsupported-field'
  | 'experimental-field'
  | 'unknown-field'
  | 'empty-input'
  | 'namespace-not-declared'
  | 'namespace-labels'
  | 'unreadable-file';

/** The object an issue is about, as far as it is known. */
export interface IssueObject {
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** A problem in the user's input, with where it is. Never thrown: collected and returned. */
export interface Issue {
  readonly code: IssueCode;
  readonly severity: 'error' | 'warning';
  /** One line, no trailing period, e.g. `must be >= port`. */
  readonly message: string;
  /** File path or source name. */
  readonly file: string;
  /** Zero-based document index in the file, when the issue is inside a document. */
  readonly doc?: number;
  /** Zero-based index inside a `List` document's `items`, when the object came from one. */
  readonly item?: number;
  readonly object?: IssueObject;
  /** Field path inside the object, e.g. `['spec', 'ingress', 0, 'ports', 1, 'endPort']`. */
  readonly path: readonly PathSegment[];
  /**
   * 1-based line, only where the YAML parser gives one: syntax errors, and the first line of a
   * document that is not a Kubernetes object.
   */
  readonly line?: number;
}

/** Renders a path the way kube-apiserver does: `spec.ingress[0].ports[1].endPort`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
