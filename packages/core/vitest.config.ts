import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@kube-reach/source'] },
  test: {
    name: 'core',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    // Property tests run thousands of generated clusters; no test asserts wall time.
    testTimeout: 600_000,
  },
});
