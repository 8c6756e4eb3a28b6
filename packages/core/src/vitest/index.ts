// `@kube-reach/core/vitest`: reachability matchers for vitest. vitest is an optional peer
// dependency; this module imports only its types, and augments them.

import type { PathAssertions } from './path-matchers.js';
import type { ReachAssertions } from './reach-matchers.js';

export type { NoPathOptions, PathAssertions, PathMatchers } from './path-matchers.js';
export { pathMatchers } from './path-matchers.js';

export type {
  EndpointInput,
  FlowInput,
  IsolateOptions,
  PodInput,
  ReachAssertions,
  ReachMatcherResult,
  ReachMatchers,
} from './reach-matchers.js';
export { reachMatchers } from './reach-matchers.js';

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: the type parameters must match vitest's own.
  interface Assertion<T = any> extends ReachAssertions<void>, PathAssertions<void> {}
  interface AsymmetricMatchersContaining
    extends ReachAssertions<unknown>,
      PathAssertions<unknown> {}
}
