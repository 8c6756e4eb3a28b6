import type { Knobs } from '@kube-reach/core';
import {
  formatKnob,
  KNOB_DESCRIPTIONS,
  KNOB_NAMES,
  PROFILES,
  resolveProfile,
  SPEC_KNOBS,
} from '@kube-reach/core';
import { Option } from 'commander';
import { parseCniList } from '../cni-flags.js';
import type { OutputFormat } from '../command.js';
import { API_VERSION, ExitCode } from '../command.js';
import { examples, outputOption } from '../flags.js';
import type { Io } from '../io.js';
import { writeDocument } from '../render.js';
import type { CommandDefinition } from './define-command.js';
import { defineCommand } from './define-command.js';

/** `reach profiles [--explain NAME]`. */
export interface ProfilesCommand {
  readonly kind: 'profiles';
  readonly explain?: string;
  readonly output: OutputFormat;
}

/** `reach profiles`: the CNI profiles, or one profile's knobs and their sources. */
export const profilesCommand: CommandDefinition<ProfilesCommand> = defineCommand<ProfilesCommand>({
  name: 'profiles',
  kind: 'profiles',
  define(cmd, program) {
    cmd
      .summary('list the CNI profiles (--cni), or explain one')
      .description(
        'List the network plugin profiles --cni accepts: what each plugin decides where the ' +
          'NetworkPolicy API leaves it open. --explain NAME prints every knob of one profile ' +
          'with its value and the source that backs it (unverified values say so).',
      )
      .usage('[--explain NAME] [flags]')
      .addOption(
        new Option('--explain <name>', 'every knob of one profile, with its source').argParser(
          (value: string) => parseCniList(value)[0],
        ),
      )
      .addOption(outputOption())
      .addHelpText('after', () =>
        examples([
          `${program} profiles`,
          `${program} profiles --explain cilium@1.15`,
          `${program} profiles --explain azure-npm -o json`,
        ]),
      );
  },
  parse(cmd) {
    const opts = cmd.opts<{ explain?: string; output: OutputFormat }>();
    const { explain } = opts;
    return { kind: 'profiles', ...(explain === undefined ? {} : { explain }), output: opts.output };
  },
  run: runProfiles,
});

/** The knobs a profile changes from `spec`, as `key=value`. */
function changes(knobs: Knobs): string[] {
  return KNOB_NAMES.filter((k) => knobs[k] !== SPEC_KNOBS[k]).map((k) => formatKnob(k, knobs));
}

/** Prints the profiles, or one profile's knobs with their sources. */
export async function runProfiles(cmd: ProfilesCommand, io: Io): Promise<number> {
  if (cmd.explain !== undefined) return explainProfile(cmd.explain, cmd.output, io);
  const rows = PROFILES.flatMap((p) => [
    {
      name: p.name,
      aliases: p.aliases,
      summary: p.summary,
      differs: changes(resolveProfile(p.name).knobs),
    },
    ...p.versions.map((v) => ({
      name: `${p.name}@${v.version}`,
      aliases: [] as readonly string[],
      summary: p.summary,
      differs: changes(resolveProfile(`${p.name}@${v.version}`).knobs),
    })),
  ]);
  if (cmd.output !== 'table') {
    await writeDocument(io, cmd.output, {
      apiVersion: API_VERSION,
      kind: 'ProfileList',
      profiles: rows,
    });
    return ExitCode.ok;
  }
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    const aliases = r.aliases.length > 0 ? ` (also ${r.aliases.join(', ')})` : '';
    io.stdout(`${r.name.padEnd(width)}  ${r.summary}${aliases}\n`);
    if (r.differs.length > 0)
      io.stdout(`${''.padEnd(width)}  differs from spec: ${r.differs.join(', ')}\n`);
  }
  io.stdout(`\nEvery knob and its source: reach profiles --explain NAME\n`);
  return ExitCode.ok;
}

async function explainProfile(name: string, output: OutputFormat, io: Io): Promise<number> {
  const profile = resolveProfile(name);
  const knobs = KNOB_NAMES.map((knob) => {
    const value = profile.knobs[knob];
    const source = profile.sources[knob];
    return {
      knob,
      value: value ?? null,
      description: KNOB_DESCRIPTIONS[knob],
      source:
        source?.text ??
        (profile.name === 'spec'
          ? 'the API default'
          : 'as spec: the plugin is not known to differ'),
      verified: source?.verified ?? false,
    };
  });
  if (output !== 'table') {
    await writeDocument(io, output, {
      apiVersion: API_VERSION,
      kind: 'Profile',
      name: profile.name,
      summary: profile.profile.summary,
      knobs,
    });
    return ExitCode.ok;
  }
  io.stdout(`${profile.name}: ${profile.profile.summary}\n`);
  for (const k of knobs) {
    io.stdout(`  ${formatKnob(k.knob, profile.knobs)}\n`);
    io.stdout(`      ${k.description}\n      source: ${k.source}\n`);
  }
  return ExitCode.ok;
}
