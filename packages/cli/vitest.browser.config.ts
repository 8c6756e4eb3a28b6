import { defineProject } from 'vitest/config';

// The report page in a real browser (Debian's chromium driven by playwright-core): a project of
// its own, run after the others (groupOrder), one file at a time, as the browser is heavy.
export default defineProject({
  resolve: { conditions: ['@kube-reach/source'] },
  ssr: { resolve: { conditions: ['@kube-reach/source'] } },
  test: {
    name: 'cli-browser',
    include: ['test/**/*.browser.test.ts'],
    sequence: { groupOrder: 2 },
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
