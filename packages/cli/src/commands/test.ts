import { basename } from 'node:path';
import type { PairResult, QueryOutcome } from '@kube-reach/core';
import { formatExplanation, pairWord, query } from '@kube-reach/core';
import { formatTable, streamed } from '@kube-reach/core/format';
import { STDIN_NAME, walkManifests } from '@kube-reach/core/node';
import type { Painter } from '../color.js';
import { painter } from '../color.js';
import type { TestCommand } from '../command.js';
import { API_VERSION, ExitCode } from '../command.js';
import type { Expectation } from '../expectations.js';
import { parseExpectations } from '../expectations.js';
import type { Io } from '../io.js';
import { renderJUnit } from '../junit.js';
import { printErrors } from '../print.js';
import { createProgress } from '../progress.js';
import { writeDocument } from '../render.js';
import type { Session } from '../session.js';
import { openSession } from '../session.js';

/** What an expectation found: the answer in the words of the file. */
type Actual = 'allow' | 'deny' | 'mixed';

interface TestResult {
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

/** What `reach test DIR` reads from a directory. */
const SPEC_EXTENSIONS: readonly string[] = ['.yaml', '.yml'];

/** Failing pairs explained per expectation; the rest are counted. */
const MAX_EXPLAINED_PAIRS = 5;

/**
 * `reach test SPEC...`: checks every expectation of the files against the manifests. Exit 0
 * when all hold, 1 when some do not, 2 when a file or an expectation is invalid.
 */
export async function runTest(cmd: TestCommand, io: Io): Promise<number> {
  const expectations: Expectation[] = [];
  const problems: string[] = [];
  // The walker of -f: a directory gives its *.yaml and *.yml files; every read is capped.
  for (const spec of cmd.specs) {
    const read = await walkManifests(io, [spec], { extensions: SPEC_EXTENSIONS });
    for (const issue of read.issues) problems.push(`${issue.file ?? STDIN_NAME}: ${issue.message}`);
    for (const source of read.sources) {
      const file = source.name;
      let text: string;
      try {
        const raw = source.text;
        text =
          typeof raw === 'string' ? raw : new TextDecoder('utf-8', { fatal: true }).decode(raw);
      } catch (error) {
        problems.push(`${file}: cannot read: ${reason(error)}`);
        continue;
      }
      const parsed = parseExpectations(file, text);
      if (parsed.ok) expectations.push(...parsed.expectations);
      else problems.push(...parsed.problems);
    }
  }
  if (problems.length > 0) return printErrors(io, problems);

  const progress = createProgress(io, cmd.quiet);
  const session = await openSession(
    io,
    { ...cmd, clusterCidrs: cmd.clusterCidrs },
    expectations.flatMap((e) => [e.from, e.to]),
    progress,
  );
  if (typeof session === 'number') return session;
  const results: TestResult[] = [];
  for (const [index, expectation] of expectations.entries()) {
    if (index % 50 === 0)
      progress.update(`checking ${index} of ${expectations.length} expectations`);
    results.push(check(session, expectation));
  }
  progress.done();

  const passed = results.filter((r) => r.status === 'pass').length;
  const failed = results.filter((r) => r.status === 'fail').length;
  const errors = results.filter((r) => r.status === 'error').length;
  const summary = `${passed} passed, ${failed} failed${errors > 0 ? `, ${errors} invalid` : ''}`;
  const code = errors > 0 ? ExitCode.invalid : failed > 0 ? ExitCode.denied : ExitCode.ok;

  switch (cmd.output) {
    case 'table': {
      const paint = painter(io, cmd.color);
      if (!cmd.quiet) io.stdout(renderTable(results, cmd.noHeaders, paint));
      const problemsText = renderProblems(results, paint);
      if (problemsText !== '') io.stdout(`${cmd.quiet ? '' : '\n'}${problemsText}`);
      io.stdout(`${summary}\n`);
      return code;
    }
    case 'junit':
      io.stdout(junitReport(results));
      break;
    case 'json':
    case 'yaml':
      await writeDocument(io, cmd.output, {
        apiVersion: API_VERSION,
        kind: 'TestReport',
        summary: { total: results.length, passed, failed, invalid: errors },
        results: streamed(results.map(resultDocument)),
      });
      break;
  }
  if (!cmd.quiet) io.stderr(`${summary}\n`);
  return code;
}

function check(session: Session, expectation: Expectation): TestResult {
  const traffic = expectation.port === undefined ? '<any>' : '';
  const from = session.resolve(expectation.from);
  const to = session.resolve(expectation.to);
  if (!from.ok || !to.ok) {
    const errors = [from, to].flatMap((r) => (r.ok ? [] : [r.issue]));
    return {
      expectation,
      status: 'error',
      traffic,
      message: errors.map((e) => e.message).join('; '),
      details: errors.flatMap((e) =>
        e.candidatesTitle === undefined
          ? []
          : [e.candidatesTitle, ...e.candidates.map((c) => `  ${c}`)],
      ),
    };
  }
  const request = {
    ...(expectation.port === undefined ? {} : { port: expectation.port }),
    protocol: expectation.protocol,
    match: expectation.match ?? 'all',
    explain: false,
  };
  const evaluation = query(session.engine, from.endpoint, to.endpoint, request);
  if (!evaluation.ok) {
    const message = evaluation.issues.map((i) => i.message).join('; ');
    return { expectation, status: 'error', traffic, message, details: [] };
  }
  const outcome = evaluation.outcome;
  const actual = actualOf(outcome, expectation);
  const shownTraffic = outcome.trafficText === '' ? '<any>' : outcome.trafficText;
  if (actual === expectation.expect) {
    return { expectation, status: 'pass', traffic: shownTraffic, actual, details: [] };
  }
  // Explain the pairs that went the other way (evaluated again, with explanations).
  const explained = query(session.engine, from.endpoint, to.endpoint, {
    ...request,
    explain: true,
  });
  const pairs = (explained.ok ? explained.outcome : outcome).pairs;
  const wrong = pairs.filter((p) =>
    expectation.expect === 'allow' ? p.state !== 'allowed' : p.state !== 'denied',
  );
  const details = [
    ...[...from.endpoint.notes, ...to.endpoint.notes, ...outcome.notes].map((n) => `note: ${n}`),
    ...wrong.slice(0, MAX_EXPLAINED_PAIRS).flatMap((p) => pairLines(outcome, p)),
    ...(wrong.length > MAX_EXPLAINED_PAIRS
      ? [`... and ${wrong.length - MAX_EXPLAINED_PAIRS} more pairs`]
      : []),
  ];
  return {
    expectation,
    status: 'fail',
    traffic: shownTraffic,
    actual,
    message: `expected ${expectation.expect}, got ${actual}`,
    details,
  };
}

/**
 * The answer in the expectation's words. Strict by default: `allow` when every pair is
 * allowed, `deny` when every pair is denied, `mixed` otherwise (which fails both). With
 * `match`, the query's answer under that mode.
 */
function actualOf(outcome: QueryOutcome, expectation: Expectation): Actual {
  if (expectation.match !== undefined) return outcome.allowed ? 'allow' : 'deny';
  const { pairs } = outcome;
  if (pairs.length > 0 && pairs.every((p) => p.state === 'allowed')) return 'allow';
  if (pairs.every((p) => p.state === 'denied')) return 'deny';
  return 'mixed';
}

function pairLines(outcome: QueryOutcome, pair: PairResult): string[] {
  const traffic =
    pair.port !== undefined
      ? ` ${outcome.protocol}/${pair.port}`
      : outcome.asked === 'range'
        ? ` ${outcome.trafficText}`
        : '';
  const lines = [
    `${pair.from.name} -> ${pair.to.name}${traffic}: ${pairWord(pair, outcome.asked)}`,
  ];
  if (pair.explanation !== undefined) lines.push(`  ${formatExplanation(pair.explanation)}`);
  return lines;
}

function renderTable(results: readonly TestResult[], noHeaders: boolean, paint: Painter): string {
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

function renderProblems(results: readonly TestResult[], paint: Painter): string {
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

function resultDocument(r: TestResult): object {
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

function junitReport(results: readonly TestResult[]): string {
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

function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (error instanceof TypeError) return 'not valid UTF-8';
  return error instanceof Error ? error.message : String(error);
}
