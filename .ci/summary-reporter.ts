import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the closing line CI reads, `Tests: N passed, M failed`, after Vitest's own summary.
 * A module that failed to load (syntax error, failing import) counts as one failed test, so a
 * broken file can never pass silently.
 */
export class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<unknown>,
  ): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    for (const module of testModules) {
      let tests = 0;
      for (const test of module.children.allTests()) {
        tests++;
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
      }
      if (tests === 0 && module.state() === 'failed') failed++;
    }
    process.stdout.write(`Tests: ${passed} passed, ${failed} failed\n`);
  }
}
