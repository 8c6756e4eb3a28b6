import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@kube-reach/source'] },
  test: { name: 'benchmarks', include: ['**/*.test.ts'], exclude: ['**/node_modules/**'], passWithNoTests: true },
});
