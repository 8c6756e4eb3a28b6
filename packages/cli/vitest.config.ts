import { configDefaults, defineProject } from 'vitest/config';

export default defineProject({
  // Import @kube-reach/core from source (its `@kube-reach/source` export condition), no build.
  resolve: { conditions: ['@kube-reach/source'] },
  ssr: { resolve: { conditions: ['@kube-reach/source'] } },
  test: {
    name: 'cli',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/**/*.big.test.ts', 'test/**/*.browser.test.ts'],
  },
});
