import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@kube-reach/source'] },
  test: { name: 'core', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], setupFiles: ['./vitest.setup.ts'] },
});
