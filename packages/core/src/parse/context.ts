import { describe } from './guards.js';
import type { Issue, IssueCode, IssueObject, PathSegment } from './issue.js';
import { oneLine, wrongTypeMessage } from './messages.js';

/**
 * Where the decoders are and where their issues go: one per document (or `List` item). The
 * `object` part is filled in as soon as kind, namespace and name are known, so that every issue
 * of an object names it.
 */
export interface DecodeContext {
  readonly issues: Issue[];
  readonly file: string;
  readonly doc?: number;
  readonly item?: number;
  object?: IssueObject;
  /** Unknown fields are errors rather than warnings (`--strict`). */
  readonly strict?: boolean;
}

/** Records a problem at `path` of the current object. */
export function report(
  ctx: DecodeContext,
  severity: Issue['severity'],
  code: IssueCode,
  path: readonly PathSegment[],
  message: string,
): void {
  ctx.issues.push({
    code,
    severity,
    message: oneLine(message),
    file: ctx.file,
    ...(ctx.doc === undefined ? {} : { doc: ctx.doc }),
    ...(ctx.item === undefined ? {} : { item: ctx.item }),
    ...(ctx.object === undefined ? {} : { object: ctx.object }),
    path,
  });
}

/** Records an error. */
export function error(
  ctx: DecodeContext,
  code: IssueCode,
  path: readonly PathSegment[],
  message: string,
): void {
  report(ctx, 'error', code, path, message);
}

/** Records a warning. */
export function warning(
  ctx: DecodeContext,
  code: IssueCode,
  path: readonly PathSegment[],
  message: string,
): void {
  report(ctx, 'warning', code, path, message);
}

/** Records a `wrong-type` error: `expected <expected>, got <actual type>`. */
export function wrongType(
  ctx: DecodeContext,
  path: readonly PathSegment[],
  expected: string,
  raw: unknown,
): void {
  error(ctx, 'wrong-type', path, wrongTypeMessage(expected, describe(raw)));
}
