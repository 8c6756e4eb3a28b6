import type { Finding, LintCode, LintSeverity, UnevaluatedObject } from '@kube-reach/core';
import {
  editDistance,
  formatFindingObject,
  LINT_CODES,
  LINT_SEVERITIES,
  lint,
  suggestionLimit,
} from '@kube-reach/core';
import { formatTable, mdCell, streamed } from '@kube-reach/core/format';
import { InvalidArgumentError, Option } from 'commander';
import type { ManifestOptions } from '../command.js';
import { API_VERSION, ExitCode } from '../command.js';
import { createEngine } from '../evaluate.js';
import type { ManifestFlags } from '../flags.js';
import { addManifestOptions, examples, formatOption, manifestOptions } from '../flags.js';
import type { Io } from '../io.js';
import { loadCluster, unevaluatedField } from '../load-cluster.js';
import { issueLine } from '../print.js';
import { compilingText, createProgress } from '../progress.js';
import { plural, writeDocument } from '../render.js';
import type { CommandDefinition } from './define-command.js';
import { defineCommand } from './define-command.js';

/** The `-o` formats of `reach lint`. */
export type LintFormat = 'table' | 'json' | 'yaml' | 'md';

export const LINT_FORMATS: readonly LintFormat[] = ['table', 'json', 'yaml', 'md'];

/** `reach lint`: the pitfalls of the policies in the manifests. */
export interface LintCommand extends ManifestOptions {
  readonly kind: 'lint';
  /** Exit 1 when a finding of this severity or a more severe one exists. */
  readonly failOn: LintSeverity;
  /** Codes to leave out (`--disable`, repeatable, comma-separated). */
  readonly disable: readonly LintCode[];
  readonly output: LintFormat;
}

interface LintFlags extends ManifestFlags {
  readonly failOn: LintSeverity;
  readonly disable?: readonly LintCode[];
  readonly output: LintFormat;
}

/** `reach lint`. */
export const lintCommand: CommandDefinition<LintCommand> = defineCommand<LintCommand>({
  name: 'lint',
  kind: 'lint',
  define(cmd, program) {
    cmd
      .summary('find the NetworkPolicy pitfalls that are not syntax errors')
      .description(
        'Check the policies in the manifests for the mistakes that pass validation: namespaces ' +
          'without a default-deny, egress that cuts off DNS, selectors that match nothing, peers ' +
          'ORed where AND was meant, Service ports where pod ports belong, redundant rules, and ' +
          'fields some network plugins do not enforce. Each finding has a code, a severity, the ' +
          'object and field path, a message and a hint.',
      )
      .usage('-f PATH [--fail-on SEVERITY] [--disable CODE] [flags]');
    addManifestOptions(cmd)
      .addOption(
        new Option('--fail-on <severity>', 'exit 1 when a finding this severe or worse exists')
          .choices(LINT_SEVERITIES)
          .default('error'),
      )
      .addOption(
        new Option(
          '--disable <code>',
          'leave out findings with this code (repeatable, or a,b)',
        ).argParser(parseCodes),
      )
      .addOption(formatOption(LINT_FORMATS))
      .addHelpText('after', () => lintHelp(program));
  },
  parse(cmd) {
    const opts = cmd.opts<LintFlags>();
    return {
      kind: 'lint',
      ...manifestOptions(cmd, opts),
      failOn: opts.failOn,
      disable: opts.disable ?? [],
      output: opts.output,
    };
  },
  run: runLint,
});

/** A lint code, or a usage error naming the closest codes. */
function parseCodes(value: string, previous: readonly LintCode[] | undefined): LintCode[] {
  const codes = [...(previous ?? [])];
  for (const part of value.split(',').map((s) => s.trim())) {
    if (part === '') continue;
    const code = LINT_CODES.find((c) => c === part);
    if (code === undefined) {
      const limit = suggestionLimit(part);
      const close = LINT_CODES.filter(
        (c) => c.startsWith(part) || editDistance(part, c, limit) <= limit,
      );
      const hint = close.length > 0 ? ` Did you mean ${close.join(' or ')}?` : '';
      throw new InvalidArgumentError(
        `Unknown lint code "${part}".${hint} Codes: ${LINT_CODES.join(', ')}.`,
      );
    }
    if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}

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
  const progress = createProgress(io, false);
  const loaded = await loadCluster(io, cmd, progress);
  progress.done();
  for (const issue of loaded.issues) io.stderr(`${issueLine(issue)}\n`);
  if (!loaded.ok) return ExitCode.invalid;
  const { cluster } = loaded;
  progress.update(compilingText(cluster));
  const engine = createEngine(cluster, cmd);
  progress.update(
    `linting ${plural(cluster.policies.length, 'network policy', 'network policies')}`,
  );
  const findings = lint(cluster, { engine, disable: cmd.disable });
  progress.done();
  const summary: LintSummary = {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    info: findings.filter((f) => f.severity === 'info').length,
  };
  await write(findings, summary, cmd, loaded.unevaluated, io);
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
  unevaluated: readonly UnevaluatedObject[],
  io: Io,
): Promise<void> {
  if (cmd.output === 'json' || cmd.output === 'yaml') {
    await writeDocument(io, cmd.output, {
      apiVersion: API_VERSION,
      kind: 'LintReport',
      findings: streamed(findings.map(findingDocument)),
      summary,
      ...unevaluatedField(unevaluated),
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

function lintHelp(name: string): string {
  return `
Codes (severity):
  namespace-without-default-deny   no policy with podSelector {} for a direction
                                   (warning where other policies exist, else info)
  pod-not-isolated                 pods a narrower policy leaves open (info)
  dns-egress-blocked               egress-isolated pods that cannot reach kube-dns
                                   on UDP 53 (warning) or TCP 53 only (info)
  selector-matches-nothing         a podSelector or peer selector matching nothing
                                   in the input (warning)
  named-port-unresolved            a port name no pod the rule applies to declares
                                   (error in ingress, warning in egress)
  peer-and-or-suspect              namespaceSelector and podSelector as two peers
                                   (ORed) where one peer (AND) was likely meant
                                   (warning)
  service-port-not-container-port  a Service port used where the pod port belongs
                                   (warning)
  ipblock-covers-pods              an ipBlock holding pod IPs: plugin-dependent
                                   (warning; info for a /0)
  rule-redundant                   a rule other rules already cover (info)
  policy-empty-effect              rules that open nothing, so only isolation
                                   remains (warning)
  plugin-feature                   endPort, SCTP, named egress ports, ipBlock except:
                                   not enforced alike by every plugin (info)
  plugin-unsupported-feature       a field the --cni profile ignores or treats
                                   differently, with the source (warning)
  admin-rule-shadowed              an admin policy rule an earlier rule or a
                                   higher-priority policy always decides first
                                   (warning)
  admin-priority-tie               two admin policies of one tier and priority
                                   that match a common flow (warning)
  admin-pass-to-nothing            a Pass no NetworkPolicy or Baseline rule picks
                                   up: allowed by default (info)
  baseline-name                    a BaselineAdminNetworkPolicy not named default
                                   (error)
${examples([
  `${name} lint -f k8s/ -R`,
  `${name} lint -f k8s/ -R --fail-on warning --disable plugin-feature`,
  `${name} lint -f k8s/ -R -o md > lint.md`,
  `${name} lint -f k8s/ -R --cni azure-npm`,
])}

Exit codes:
  0  no finding at or above --fail-on (default error)
  1  some finding at or above --fail-on
  2  invalid input or usage`;
}
