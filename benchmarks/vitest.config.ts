import { defineProject } from 'vitest/config';

export default defineProject({
  // Import @kube-reach/core from source (its `@kube-reach/source` export condition), no build.
  resolve: { conditions: ['@kube-reach/source'] },
  ssr: { resolve: { conditions: ['@kube-reach/source'] } },
  test: {
    name: 'benchmarks',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
  },
});
