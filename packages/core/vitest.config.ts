import { defineProject } from 'vitest/config';

export default defineProject({
  // Import @kube-reach/core from source (its `@kube-reach/source` export condition), no build.
  resolve: { conditions: ['@kube-reach/source'] },
  ssr: { resolve: { conditions: ['@kube-reach/source'] } },
  test: {
    name: 'core',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    // Property tests run thousands of generated clusters; no test asserts wall time.
    testTimeout: 600_000,
  },
});
