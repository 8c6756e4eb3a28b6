import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface PackageJson {
  readonly version: string;
}

/**
 * The CLI's version, from its package.json (one level up from both `src/` and `dist/`, so it
 * works from source in tests and from the built files).
 */
export const CLI_VERSION: string = (require('../package.json') as PackageJson).version;

/** The version of the `@kube-reach/core` the CLI runs with. */
export const CORE_VERSION: string = (require('@kube-reach/core/package.json') as PackageJson)
  .version;
