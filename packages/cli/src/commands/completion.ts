import { Argument, type Command as Program } from 'commander';
import { ExitCode } from '../command.js';
import type { CompletionSpec, Shell } from '../completion.js';
import { completionScript, SHELLS } from '../completion.js';
import { examples } from '../flags.js';
import type { Io } from '../io.js';
import type { CommandDefinition } from './define-command.js';
import { defineCommand } from './define-command.js';

/** `reach completion SHELL`, with the commands and flags the script completes. */
export interface CompletionCommand {
  readonly kind: 'completion';
  readonly shell: Shell;
  readonly spec: CompletionSpec;
}

/** `reach completion`. */
export const completionCommand: CommandDefinition<CompletionCommand> =
  defineCommand<CompletionCommand>({
    name: 'completion',
    kind: 'completion',
    define(cmd, program) {
      const file = program.replace(/ /g, '-');
      cmd
        .summary('print a shell completion script (bash, zsh, fish)')
        .description(
          'Print a script that completes commands, flags and their values in your shell.',
        )
        .usage('SHELL')
        .addArgument(new Argument('<SHELL>', 'bash, zsh or fish').choices(SHELLS))
        .addHelpText('after', () =>
          examples([
            `source <(${program} completion bash)`,
            `${program} completion zsh > "\${fpath[1]}/_${file}"`,
            `${program} completion fish > ~/.config/fish/completions/${file}.fish`,
          ]),
        );
    },
    parse(cmd) {
      const [shell] = cmd.processedArgs as [Shell];
      const program = cmd.parent ?? cmd;
      return { kind: 'completion', shell, spec: completionSpec(program, program.name()) };
    },
    run: runCompletion,
  });

/** Prints the script. */
export function runCompletion(cmd: CompletionCommand, io: Io): number {
  io.stdout(completionScript(cmd.shell, cmd.spec));
  return ExitCode.ok;
}

/** The commands and flags of the program, for completion scripts. */
function completionSpec(program: Program, name: string): CompletionSpec {
  return {
    program: name,
    commands: [
      ...program.commands.map((command) => ({
        name: command.name(),
        summary: command.summary() || command.description(),
        options: command.options
          .filter((option) => !option.hidden)
          .map((option) => ({
            ...(option.short === undefined ? {} : { short: option.short }),
            ...(option.long === undefined ? {} : { long: option.long }),
            description: option.description,
            takesValue: option.required || option.optional,
            ...(option.argChoices === undefined ? {} : { choices: option.argChoices }),
            files: option.long === '--filename',
          })),
        fileArguments: command.name() === 'test',
      })),
      { name: 'help', summary: 'show help for a command', options: [], fileArguments: false },
    ],
  };
}
