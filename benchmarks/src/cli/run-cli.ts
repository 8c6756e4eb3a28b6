// `pnpm bench:cli --generator gen_cluster --pods 1000 --policies 200 [--save results/cli.json]`
// The only file of the whole-process benchmark that reads argv and writes to the terminal.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PROFILE_NAMES } from '../generate.js';
import { benchCliCommand, type CliResult, cliSupports, defaultHeapLimitMB } from './bench-cli.js';
import { CLI_COMMANDS } from './commands.js';
import { defaultSeed, ensureInput, inputKey, PYTHON_GENERATORS } from './inputs.js';

// dist/cli/run-cli.js and src/cli/run-cli.ts are both three levels below the repository root.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BENCH = join(ROOT, 'benchmarks');

const USAGE = `usage: pnpm bench:cli --generator <name> --pods <n> --policies <n> [options]

  --generator <name>   ${[...PYTHON_GENERATORS, ...PROFILE_NAMES].join(', ')}
  --pods <n>           pod count
  --policies <n>       policy count
  --seed <n>           generator seed (default: gen_cluster 7, others 1, as the peers' runs)
  --commands <a,b>     ${CLI_COMMANDS.map((c) => c.name).join(', ')} (default: all)
  --timeout <s>        per run (default 300); a run stopped by it is recorded as "timeout"
  --changes <n>        policies changed between BASE and HEAD for diff (default 5)
  --cache <dir>        generated inputs (default benchmarks/.cache/inputs)
  --shared <dir>       folder of gen_cluster.py and gen_kano.py (default ../shared/bench)
  --save <file>        merge the results into a JSON file (e.g. results/cli.json)
  --keep-output        keep each command's output in benchmarks/.cache/runs`;

function int(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a whole number, got ${value}`);
  return n;
}

/** Merges results into the file: a run replaces the earlier one of the same input and command. */
function save(path: string, results: readonly CliResult[]): void {
  const list: CliResult[] = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : [];
  const key = (r: CliResult) => `${r.generator}/${r.pods}/${r.policies}/${r.seed}/${r.command}`;
  const fresh = new Set(results.map(key));
  mkdirSync(dirname(path), { recursive: true });
  const next = [...list.filter((r) => !fresh.has(key(r))), ...results];
  writeFileSync(path, `${JSON.stringify(next, null, 1)}\n`);
}

function line(r: CliResult): string {
  const verdict = r.status === 'ok' ? '' : ` ${r.status.toUpperCase()} (exit ${r.exitCode})`;
  return `${r.command.padEnd(24)} wall ${r.wallS.toFixed(2)} s  cpu ${r.cpuS.toFixed(2)} s  peak RSS ${r.peakRssMB} MB  out ${(r.outputBytes / 1024 / 1024).toFixed(1)} MB  load ${r.loadBefore[0]}${verdict}${r.stderrTail ? `\n${' '.repeat(26)}${r.stderrTail}` : ''}`;
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      generator: { type: 'string' },
      pods: { type: 'string' },
      policies: { type: 'string' },
      seed: { type: 'string' },
      commands: { type: 'string' },
      timeout: { type: 'string' },
      changes: { type: 'string' },
      cache: { type: 'string' },
      shared: { type: 'string' },
      save: { type: 'string' },
      'keep-output': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const pods = int(values.pods, 'pods');
  const policies = int(values.policies, 'policies');
  if (values.help || !values.generator || pods === undefined || policies === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 64;
  }
  const wanted = values.commands?.split(',').map((c) => c.trim());
  const unknown = wanted?.filter((w) => !CLI_COMMANDS.some((c) => c.name === w)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown command ${unknown.join(', ')}`);
  const commands = CLI_COMMANDS.filter((c) => !wanted || wanted.includes(c.name));
  const spec = {
    generator: values.generator,
    pods,
    policies,
    seed: int(values.seed, 'seed') ?? defaultSeed(values.generator),
  };
  const started = performance.now();
  const say = (m: string) =>
    process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${m}\n`);
  const changes = int(values.changes, 'changes');
  const input = ensureInput(spec, {
    cacheDir: resolve(values.cache ?? join(BENCH, '.cache/inputs')),
    sharedDir: resolve(values.shared ?? join(ROOT, '../shared/bench')),
    ...(changes === undefined ? {} : { changes }),
    progress: say,
  });
  const heapLimitMB = defaultHeapLimitMB();
  const timeoutS = int(values.timeout, 'timeout') ?? 300;
  say(
    `${inputKey(spec)}: ${(input.bytes / 1024 / 1024).toFixed(1)} MB of YAML, ${input.changed} policies changed in HEAD; Node's default heap (${heapLimitMB} MB), timeout ${timeoutS} s`,
  );
  const results: CliResult[] = [];
  for (const command of commands) {
    const first = command.args(input)[0] ?? '';
    if (command.requiresFlag && !cliSupports(ROOT, first, command.requiresFlag)) {
      say(`${command.name}: skipped, reach ${first} has no ${command.requiresFlag} yet`);
      continue;
    }
    say(`${command.name}: ${command.args(input).join(' ')}`);
    const result = await benchCliCommand(input, command, {
      root: ROOT,
      workDir: join(BENCH, '.cache/runs', inputKey(spec)),
      timeoutS,
      heapLimitMB,
      keepOutput: values['keep-output'] ?? false,
    });
    process.stdout.write(`${line(result)}\n`);
    results.push(result);
  }
  if (values.save) save(resolve(BENCH, values.save), results);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
