import { defineProject } from 'vitest/config';

// Whole-process runs on generated clusters of thousands of pods: a project of their own, run
// after every other project (groupOrder), so their busy cores do not slow timed tests.
export default defineProject({
  resolve: { conditions: ['@kube-reach/source'] },
  ssr: { resolve: { conditions: ['@kube-reach/source'] } },
  test: {
    name: 'cli-big',
    include: ['test/**/*.big.test.ts'],
    sequence: { groupOrder: 1 },
    testTimeout: 600_000,
  },
});
