import { defineConfig } from 'vitest/config';
import { SummaryReporter } from './.ci/summary-reporter.js';

/** One Vitest project per workspace package; all of them import @kube-reach/core from source. */
export default defineConfig({
  test: {
    projects: [
      'packages/core',
      'packages/cli',
      'packages/cli/vitest.big.config.ts',
      'packages/cli/vitest.browser.config.ts',
      'examples',
      'benchmarks',
    ],
    reporters: ['default', new SummaryReporter()],
  },
});
