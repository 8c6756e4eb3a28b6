import type { LintCode, LintSeverity } from '@kube-reach/core';
import { editDistance, LINT_CODES, LINT_SEVERITIES, suggestionLimit } from '@kube-reach/core';
import { InvalidArgumentError, Option, type Command as Program } from 'commander';
import type { ManifestOptions } from '../command.js';
import type { CommandKit, ManifestFlagValues } from './command-kit.js';
import { examples } from './command-kit.js';

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

interface LintFlags extends ManifestFlagValues {
  readonly failOn: LintSeverity;
  readonly disable?: readonly LintCode[];
  readonly output: LintFormat;
}

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

/** Adds `reach lint` to the program; `onCommand` receives the parsed command. */
export function registerLintCommand(
  program: Program,
  kit: CommandKit,
  onCommand: (command: LintCommand) => void,
): void {
  const { name } = kit;
  const lint = kit
    .configure(program.command('lint'), `${name} lint`)
    .summary('find the NetworkPolicy pitfalls that are not syntax errors')
    .description(
      'Check the policies in the manifests for the mistakes that pass validation: namespaces ' +
        'without a default-deny, egress that cuts off DNS, selectors that match nothing, peers ' +
        'ORed where AND was meant, Service ports where pod ports belong, redundant rules, and ' +
        'fields some network plugins do not enforce. Each finding has a code, a severity, the ' +
        'object and field path, a message and a hint.',
    )
    .usage('-f PATH [--fail-on SEVERITY] [--disable CODE] [flags]');
  kit
    .addManifestOptions(lint)
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
    .addOption(
      new Option('-o, --output <format>', 'output format').choices(LINT_FORMATS).default('table'),
    )
    .addHelpText('after', () => lintHelp(name))
    .action((_opts: unknown, cmd: Program) => {
      const opts = cmd.opts<LintFlags>();
      onCommand({
        kind: 'lint',
        ...kit.manifestOptions(cmd, opts),
        failOn: opts.failOn,
        disable: opts.disable ?? [],
        output: opts.output,
      });
    });
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
${examples([
  `${name} lint -f k8s/ -R`,
  `${name} lint -f k8s/ -R --fail-on warning --disable plugin-feature`,
  `${name} lint -f k8s/ -R -o md > lint.md`,
])}

Exit codes:
  0  no finding at or above --fail-on (default error)
  1  some finding at or above --fail-on
  2  invalid input or usage`;
}
