/** One test case of a JUnit report. */
export interface JUnitCase {
  readonly name: string;
  readonly classname: string;
  /** Absent: passed. */
  readonly failure?: { readonly message: string; readonly details: string };
  /** The expectation could not be checked (unknown endpoint, bad port). */
  readonly error?: { readonly message: string; readonly details: string };
}

/** A test suite: one expectations file. */
export interface JUnitSuite {
  readonly name: string;
  readonly cases: readonly JUnitCase[];
}

/**
 * A JUnit XML report as GitLab, Jenkins and most CI systems read it: `<testsuites>` with one
 * `<testsuite>` per file and one `<testcase>` per expectation, `<failure>` or `<error>` inside
 * the ones that did not pass. Deterministic: no timestamps, no durations, no host name.
 */
export function renderJUnit(name: string, suites: readonly JUnitSuite[]): string {
  const count = (cases: readonly JUnitCase[]) => ({
    tests: cases.length,
    failures: cases.filter((c) => c.failure !== undefined).length,
    errors: cases.filter((c) => c.error !== undefined).length,
  });
  const all = count(suites.flatMap((s) => s.cases));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(name)}" tests="${all.tests}" failures="${all.failures}" errors="${all.errors}">`,
  ];
  for (const suite of suites) {
    const c = count(suite.cases);
    lines.push(
      `  <testsuite name="${attr(suite.name)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="0">`,
    );
    for (const testCase of suite.cases) {
      const open = `    <testcase name="${attr(testCase.name)}" classname="${attr(testCase.classname)}"`;
      const problem = testCase.failure ?? testCase.error;
      if (problem === undefined) {
        lines.push(`${open}/>`);
        continue;
      }
      const tag = testCase.failure !== undefined ? 'failure' : 'error';
      const type = testCase.failure !== undefined ? 'ReachabilityMismatch' : 'InvalidExpectation';
      lines.push(`${open}>`);
      lines.push(
        `      <${tag} message="${attr(problem.message)}" type="${type}">${text(problem.details)}</${tag}>`,
      );
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

/**
 * Characters XML 1.0 cannot carry at all (control characters other than tab, newline and
 * carriage return, lone surrogates, U+FFFE/U+FFFF) are replaced, so the report always parses.
 */
function clean(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000;
    out += allowed ? ch : '\uFFFD';
  }
  return out;
}

function text(value: string): string {
  return clean(value).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function attr(value: string): string {
  return text(value)
    .replaceAll('"', '&quot;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;')
    .replaceAll('\t', '&#9;');
}
