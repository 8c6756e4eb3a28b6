import type { Cluster, Issue } from '@kube-reach/core';
import { formatPath } from '@kube-reach/core';
import { streamed } from '@kube-reach/core/format';
import type { ManifestOptions, OutputFormat } from '../command.js';
import { API_VERSION, ExitCode } from '../command.js';
import type { ManifestFlags } from '../flags.js';
import {
  addManifestOptions,
  allNamespacesOption,
  examples,
  manifestOptions,
  outputOption,
} from '../flags.js';
import type { Io } from '../io.js';
import { loadCluster, unevaluatedField } from '../load-cluster.js';
import { issueLine } from '../print.js';
import { createProgress } from '../progress.js';
import { plural, writeDocument } from '../render.js';
import type { CommandDefinition } from './define-command.js';
import { defineCommand } from './define-command.js';

/** `reach validate`: every problem of the manifests. */
export interface ValidateCommand extends ManifestOptions {
  readonly kind: 'validate';
  readonly output: OutputFormat;
}

interface ValidateFlags extends ManifestFlags {
  readonly output: OutputFormat;
}

/** `reach validate`. */
export const validateCommand: CommandDefinition<ValidateCommand> = defineCommand<ValidateCommand>({
  name: 'validate',
  kind: 'validate',
  define(cmd, program) {
    cmd
      .summary('check manifests and print every problem found')
      .description(
        'Load the manifests the way `query` does and print every problem found, one per line ' +
          '(file, document, object, field path, message), then a summary. Like a dry run of ' +
          '`kubectl apply`, but for what kube-reach reads.',
      )
      .usage('-f PATH [flags]');
    addManifestOptions(cmd)
      .addOption(allNamespacesOption())
      .addOption(outputOption())
      .addHelpText('after', () => validateHelp(program));
  },
  parse(cmd) {
    const opts = cmd.opts<ValidateFlags>();
    return { kind: 'validate', ...manifestOptions(cmd, opts), output: opts.output };
  },
  run: runValidate,
});

/** The counts under a validation report. `objects` is null when the manifests did not load. */
interface Summary {
  readonly files: number;
  readonly objects: number | null;
  readonly errors: number;
  readonly warnings: number;
  /** Loaded objects per kind, in a fixed order; kinds with none are left out. */
  readonly kinds: Readonly<Record<string, number>>;
}

/** `reach validate`: every diagnostic on stdout, then a summary; exit 0 unless an error. */
export async function runValidate(cmd: ValidateCommand, io: Io): Promise<number> {
  const progress = createProgress(io, false);
  const loaded = await loadCluster(io, cmd, progress);
  progress.done();
  const { issues } = loaded;
  const kinds = loaded.ok ? countKinds(loaded.cluster) : {};
  const summary: Summary = {
    files: loaded.files,
    objects: loaded.ok ? Object.values(kinds).reduce((a, b) => a + b, 0) : null,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
    kinds,
  };
  const valid = loaded.ok;

  if (cmd.output === 'table') {
    for (const issue of issues) io.stdout(`${issueLine(issue)}\n`);
    io.stdout(`${summaryLine(summary)}\n`);
  } else {
    await writeDocument(io, cmd.output, {
      apiVersion: API_VERSION,
      kind: 'ValidationReport',
      valid,
      issues: streamed(issues.map(issueDocument)),
      summary,
      ...unevaluatedField(loaded.unevaluated),
    });
  }
  return valid ? ExitCode.ok : ExitCode.invalid;
}

/** `7 objects in 3 files: 0 errors, 1 warning (1 Namespace, 2 Deployment, ...)`. */
function summaryLine(summary: Summary): string {
  const where =
    summary.objects === null
      ? plural(summary.files, 'file')
      : `${plural(summary.objects, 'object')} in ${plural(summary.files, 'file')}`;
  const kinds = Object.entries(summary.kinds).map(([kind, count]) => `${count} ${kind}`);
  return `${where}: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}${
    kinds.length > 0 ? ` (${kinds.join(', ')})` : ''
  }`;
}

/** An issue as `-o json` prints it: every key always present, `null` when unknown. */
function issueDocument(issue: Issue): object {
  return {
    severity: issue.severity,
    code: issue.code,
    file: issue.file,
    doc: issue.doc ?? null,
    item: issue.item ?? null,
    object: issue.object
      ? {
          kind: issue.object.kind ?? null,
          namespace: issue.object.namespace ?? null,
          name: issue.object.name ?? null,
        }
      : null,
    path: formatPath(issue.path),
    line: issue.line ?? null,
    message: issue.message,
  };
}

const KIND_ORDER = [
  'Namespace',
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Service',
  'NetworkPolicy',
] as const;

/**
 * Objects loaded from the manifests, per kind: namespaces inferred from other objects and the
 * pods that stand for workload templates are not objects of the input, so they are not counted.
 */
function countKinds(cluster: Cluster): Record<string, number> {
  const counts = new Map<string, number>();
  const add = (kind: string): void => {
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  };
  for (const ns of cluster.namespaces) if (!ns.synthesized) add('Namespace');
  for (const pod of cluster.pods) if (!pod.fromTemplate) add('Pod');
  for (const workload of cluster.workloads) add(workload.kind);
  for (const _ of cluster.services) add('Service');
  for (const _ of cluster.policies) add('NetworkPolicy');
  const result: Record<string, number> = {};
  for (const kind of KIND_ORDER) {
    const count = counts.get(kind);
    if (count !== undefined) result[kind] = count;
  }
  return result;
}

function validateHelp(name: string): string {
  return `${examples([
    `${name} validate -f cluster.yaml`,
    `${name} validate -f k8s/ -R -o json`,
    `kubectl get ns,pods,deploy,sts,ds,svc,netpol -A -o yaml | ${name} validate -f -`,
    `kustomize build overlays/prod | ${name} validate -f -`,
  ])}

Exit codes:
  0  no errors (warnings allowed)
  2  the manifests have errors, or a path cannot be read`;
}
