import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@kube-reach/source'] },
  test: { name: 'examples', include: ['**/*.test.ts'], exclude: ['**/node_modules/**'] },
});
