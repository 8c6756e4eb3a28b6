import type { PairResult, QueryOutcome } from '@kube-reach/core';
import { formatExplanation, pairWord, query } from '@kube-reach/core';
import { streamed } from '@kube-reach/core/format';
import { STDIN_NAME, walkManifests } from '@kube-reach/core/node';
import type { ColorMode } from '../color.js';
import { painter } from '../color.js';
import type { ManifestOptions } from '../command.js';
import { API_VERSION, ExitCode } from '../command.js';
import type { Expectation } from '../expectations.js';
import { parseExpectations } from '../expectations.js';
import type { ManifestFlags, NamespaceLabels } from '../flags.js';
import {
  addManifestOptions,
  allNamespacesOption,
  clusterCidrOption,
  colorOption,
  examples,
  formatOption,
  manifestOptions,
  usageError,
} from '../flags.js';
import type { Io } from '../io.js';
import { unevaluatedField } from '../load-cluster.js';
import { printErrors } from '../print.js';
import { createProgress } from '../progress.js';
import { writeDocument } from '../render.js';
import type { Session } from '../session.js';
import type { CommandDefinition } from './define-command.js';
import { defineCommand } from './define-command.js';
import { checkLateral } from './test-lateral.js';
import type { Actual, TestResult } from './test-report.js';
import { junitReport, renderProblems, renderTable, resultDocument } from './test-report.js';
import { openTestSessions, sessionKey } from './test-sessions.js';

/** The `-o` formats of `reach test`. */
export type TestFormat = 'table' | 'json' | 'yaml' | 'junit';

export const TEST_FORMATS: readonly TestFormat[] = ['table', 'json', 'yaml', 'junit'];

/** `reach test SPEC...`: expectation files checked against the manifests. */
export interface TestCommand extends ManifestOptions {
  readonly kind: 'test';
  readonly specs: readonly string[];
  readonly clusterCidrs: readonly string[];
  readonly output: TestFormat;
  readonly noHeaders: boolean;
  readonly quiet: boolean;
  readonly color: ColorMode;
}

interface TestFlags extends ManifestFlags {
  readonly clusterCidr?: readonly string[];
  readonly output: TestFormat;
  readonly headers: boolean;
  readonly quiet?: boolean;
  readonly color: ColorMode;
}

/** `reach test`. */
export const testCommand: CommandDefinition<TestCommand> = defineCommand<TestCommand>({
  name: 'test',
  kind: 'test',
  define(cmd, program) {
    cmd
      .summary('check a file of reachability expectations, for CI')
      .description(
        'Check every expectation of the SPEC files (YAML lists of {name, from, to, port, ' +
          'protocol, expect: allow|deny}; JSON Schema: schema/expectations.schema.json in the ' +
          'package) against the manifests. Prints a table, then the explanation of each failure, ' +
          'then "N passed, M failed". -o junit writes a JUnit XML report for GitLab and Jenkins.',
      )
      .usage('SPEC... -f PATH [flags]')
      .argument(
        '<SPEC...>',
        'expectation files or directories of *.yaml/*.yml (- for stdin, if -f does not use it)',
      );
    addManifestOptions(cmd)
      .addOption(allNamespacesOption())
      .addOption(clusterCidrOption())
      .addOption(formatOption(TEST_FORMATS))
      .option('--no-headers', "don't print the column headers")
      .option('-q, --quiet', 'print only failures and the summary line')
      .addOption(colorOption())
      .addHelpText('after', () => testHelp(program));
  },
  parse(cmd) {
    const [specs] = cmd.processedArgs as [string[]];
    const opts = cmd.opts<TestFlags>();
    const manifests = manifestOptions(cmd, opts);
    if (specs.includes('-') && manifests.filenames.includes('-')) {
      usageError(
        cmd,
        'standard input cannot hold both the manifests (-f -) and a SPEC (-)',
        'stdinTwice',
      );
    }
    return {
      kind: 'test',
      specs,
      ...manifests,
      clusterCidrs: opts.clusterCidr ?? [],
      output: opts.output,
      noHeaders: opts.headers === false,
      quiet: opts.quiet === true,
      color: opts.color,
    };
  },
  run: runTest,
});

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
  const labelsByFile = new Map<string, NamespaceLabels>();
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
      if (!parsed.ok) problems.push(...parsed.problems);
      else {
        expectations.push(...parsed.expectations);
        if (parsed.namespaceLabels !== undefined) labelsByFile.set(file, parsed.namespaceLabels);
      }
    }
  }
  if (problems.length > 0) return printErrors(io, problems);

  const progress = createProgress(io, cmd.quiet);
  const sessions = await openTestSessions(io, cmd, expectations, labelsByFile, progress);
  if (typeof sessions === 'number') return sessions;
  const results: TestResult[] = [];
  for (const [index, expectation] of expectations.entries()) {
    if (index % 50 === 0)
      progress.update(`checking ${index} of ${expectations.length} expectations`);
    const session = sessions.get(sessionKey(expectation));
    if (session !== undefined) results.push(check(session, expectation));
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
        // Every session reads the same manifests: the first one's unevaluated list is all of it.
        ...unevaluatedField([...sessions.values()][0]?.unevaluated ?? []),
      });
      break;
  }
  if (!cmd.quiet) io.stderr(`${summary}\n`);
  return code;
}

function check(session: Session, expectation: Expectation): TestResult {
  if (expectation.lateral !== undefined)
    return checkLateral(session, expectation, expectation.lateral);
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

function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (error instanceof TypeError) return 'not valid UTF-8';
  return error instanceof Error ? error.message : String(error);
}

function testHelp(name: string): string {
  return `
Expectations (YAML):
  - name: web reaches the database through its Service
    from: shop/deployment/web
    to: shop/svc/db
    port: 5432            # a Service port; 53/udp, 8000-8080, http work too
    expect: allow         # allow | deny
  - from: external
    to: shop/statefulset/db
    expect: deny          # no port: deny = no port at all
  - noPath: {from: external, to: shop/statefulset/db, maxHops: 3}
  - maxBlastRadius: {from: shop/deploy/web, pods: 4, maxHops: 2}
  allow holds when every pair behind the endpoints is allowed, deny when every
  pair is denied (match: any or all overrides this). noPath holds when no chain
  of hops leads from FROM to TO, maxBlastRadius when FROM reaches at most that
  many pods (see '${name} path --help' for hops).
${examples([
  `${name} test expectations.yaml -f k8s/ -R`,
  `${name} test tests/*.yaml -f k8s/ -o junit > reach-junit.xml`,
  `helm template shop ./chart | ${name} test expectations.yaml -f -`,
])}

Exit codes:
  0  every expectation holds
  1  some expectation does not hold (each failure is explained)
  2  an expectation file or an endpoint in it is invalid, or bad manifests`;
}
