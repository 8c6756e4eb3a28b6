import type { Finding, LintSeverity } from '@kube-reach/core';
import { formatFindingObject, formatIssue, LINT_SEVERITIES, lint } from '@kube-reach/core';
import { formatTable, mdCell, streamed } from '@kube-reach/core/format';
import { API_VERSION, ExitCode } from '../command.js';
import { createEngine } from '../evaluate.js';
import type { Io } from '../io.js';
import { loadCluster } from '../load-cluster.js';
import { plural, writeDocument } from '../render.js';
import type { LintCommand } from './lint-args.js';

/** Exit code when some finding is at or above `--fail-on`. */
const EXIT_FINDINGS = 1;

/** Findings per severity. */
interface LintSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly info: number;
}

/** `reach lint`: prints the findings; exit 1 when one reaches `--fail-on`. */
export async function runLint(cmd: LintCommand, io: Io): Promise<number> {
  const loaded = await loadCluster(io, cmd);
  for (const issue of loaded.issues) io.stderr(`${formatIssue(issue)}\n`);
  if (!loaded.ok) return ExitCode.invalid;
  const engine = createEngine(loaded.cluster, cmd);
  const findings = lint(loaded.cluster, { engine, disable: cmd.disable });
  const summary: LintSummary = {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    info: findings.filter((f) => f.severity === 'info').length,
  };
  await write(findings, summary, cmd, io);
  return failing(findings, cmd.failOn) ? EXIT_FINDINGS : ExitCode.ok;
}

/** Whether some finding is as severe as `failOn`, or more. */
export function failing(findings: readonly Finding[], failOn: LintSeverity): boolean {
  const limit = LINT_SEVERITIES.indexOf(failOn);
  return findings.some((f) => LINT_SEVERITIES.indexOf(f.severity) <= limit);
}

/** `10 findings: 0 errors, 2 warnings, 8 info`, or `no findings`. */
function summaryLine(findings: readonly Finding[], s: LintSummary): string {
  if (findings.length === 0) return 'no findings';
  return `${plural(findings.length, 'finding')}: ${plural(s.errors, 'error')}, ${plural(
    s.warnings,
    'warning',
  )}, ${s.info} info`;
}

function findingDocument(f: Finding): object {
  return {
    code: f.code,
    severity: f.severity,
    object: f.object,
    path: f.path,
    message: f.message,
    hint: f.hint,
    ...(f.source ? { source: f.source } : {}),
  };
}

async function write(
  findings: readonly Finding[],
  summary: LintSummary,
  cmd: LintCommand,
  io: Io,
): Promise<void> {
  if (cmd.output === 'json' || cmd.output === 'yaml') {
    await writeDocument(io, cmd.output, {
      apiVersion: API_VERSION,
      kind: 'LintReport',
      findings: streamed(findings.map(findingDocument)),
      summary,
    });
  } else {
    io.stdout(render(findings, summary, cmd.output));
  }
}

function render(
  findings: readonly Finding[],
  summary: LintSummary,
  output: 'md' | 'table',
): string {
  switch (output) {
    case 'md':
      return [
        `**reach lint**: ${summaryLine(findings, summary)}\n`,
        ...(findings.length === 0
          ? []
          : [
              '\n| Severity | Code | Object | Path | Finding | Hint |\n|---|---|---|---|---|---|\n',
              ...findings.map(
                (f) =>
                  `| ${f.severity} | \`${f.code}\` | ${mdCell(formatFindingObject(f))} | ${
                    f.path === '' ? '' : `\`${mdCell(f.path)}\``
                  } | ${mdCell(f.message)} | ${mdCell(f.hint)} |\n`,
              ),
            ]),
      ].join('');
    case 'table':
      return `${
        findings.length === 0
          ? ''
          : `${formatTable(
              ['SEVERITY', 'CODE', 'OBJECT', 'PATH', 'MESSAGE'],
              findings.map((f) => [f.severity, f.code, formatFindingObject(f), f.path, f.message]),
            )}\n`
      }${summaryLine(findings, summary)}${findings.length === 0 ? '' : ' (hints: -o md or -o json)'}\n`;
  }
}
