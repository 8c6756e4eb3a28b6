import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@kube-reach/source'] },
  test: { name: 'cli', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
