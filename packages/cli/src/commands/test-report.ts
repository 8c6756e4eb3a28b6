import { basename } from 'node:path';
import { formatTable } from '@kube-reach/core/format';
import type { Painter } from '../color.js';
import type { Expectation } from '../expectations.js';
import { renderJUnit } from '../junit.js';

// How `reach test` prints its results: the table, the failures, the JSON/YAML result
// documents and the JUnit report. The checking itself is in `test.ts`.

/** What an expectation found: the answer in the words of the file. */
export type Actual =
  | 'allow'
  | 'deny'
  | 'mixed'
  /** The lateral checks: whether a chain of hops exists, and how many pods are reached. */
  | 'no path'
  | `path of ${number} hops`
  | `${number} pods`;

export interface TestResult {
  readonly expectation: Expectation;
  readonly status: 'pass' | 'fail' | 'error';
  /** `TCP/5432`, `TCP/8000-8080`, `<any>` (no port): the traffic as evaluated. */
  readonly traffic: string;
  readonly actual?: Actual;
  /** One line: why it failed or could not be checked. */
  readonly message?: string;
  /** The pairs that went against the expectation, each with its explanation. */
  readonly details: readonly string[];
}

/** The results table, PASS/FAIL/ERROR coloured. */
export function renderTable(
  results: readonly TestResult[],
  noHeaders: boolean,
  paint: Painter,
): string {
  const rows = results.map((r) => [
    statusWord(r.status),
    r.expectation.name,
    r.expectation.from,
    r.expectation.to,
    r.traffic === '' ? '-' : r.traffic,
    r.expectation.expect,
    r.actual ?? '-',
  ]);
  const table = formatTable(
    noHeaders ? undefined : ['RESULT', 'NAME', 'FROM', 'TO', 'PORT', 'EXPECT', 'ACTUAL'],
    rows,
  );
  // Colour after aligning, so escape codes do not count as width.
  return table
    .split('\n')
    .map((line) =>
      line.startsWith('PASS ') || line === 'PASS'
        ? paint.green('PASS') + line.slice(4)
        : line.startsWith('FAIL ')
          ? paint.red('FAIL') + line.slice(4)
          : line.startsWith('ERROR ')
            ? paint.yellow('ERROR') + line.slice(5)
            : line,
    )
    .join('\n');
}

/** Each failure and error with its reason and the pairs that went the other way. */
export function renderProblems(results: readonly TestResult[], paint: Painter): string {
  const blocks: string[] = [];
  for (const r of results) {
    if (r.status === 'pass') continue;
    const word = r.status === 'fail' ? paint.red('FAIL') : paint.yellow('ERROR');
    const e = r.expectation;
    const lines = [
      `${word} ${e.name} (${e.file} ${e.where})`,
      `  ${r.message ?? ''}`,
      ...r.details.map((d) => `  ${d}`),
    ];
    blocks.push(`${lines.join('\n')}\n`);
  }
  return blocks.join('\n');
}

function statusWord(status: TestResult['status']): string {
  return status === 'pass' ? 'PASS' : status === 'fail' ? 'FAIL' : 'ERROR';
}

/** One result of the `TestReport` document. */
export function resultDocument(r: TestResult): object {
  const e = r.expectation;
  return {
    name: e.name,
    file: e.file,
    where: e.where,
    from: e.from,
    to: e.to,
    traffic: r.traffic === '<any>' || r.traffic === '' ? null : r.traffic,
    expect: e.expect,
    ...(e.match === undefined ? {} : { match: e.match }),
    actual: r.actual ?? null,
    result: r.status,
    ...(r.message === undefined ? {} : { message: r.message }),
    ...(r.details.length === 0 ? {} : { details: r.details }),
  };
}

/** The JUnit XML report: one suite per file. */
export function junitReport(results: readonly TestResult[]): string {
  const files = [...new Set(results.map((r) => r.expectation.file))];
  return renderJUnit(
    'reach test',
    files.map((file) => ({
      name: file,
      cases: results
        .filter((r) => r.expectation.file === file)
        .map((r) => {
          const details = [
            `${r.expectation.where} ${r.expectation.from} -> ${r.expectation.to} ${r.traffic}`,
            ...r.details,
          ].join('\n');
          const problem = { message: r.message ?? '', details };
          return {
            name: r.expectation.name,
            classname: `reach.${basename(file).replace(/\.[^.]*$/, '')}`,
            ...(r.status === 'fail' ? { failure: problem } : {}),
            ...(r.status === 'error' ? { error: problem } : {}),
          };
        }),
    })),
  );
}
