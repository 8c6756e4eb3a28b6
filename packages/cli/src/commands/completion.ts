import type { CompletionCommand } from '../command.js';
import { ExitCode } from '../command.js';
import { completionScript } from '../completion.js';
import type { Io } from '../io.js';

/** `reach completion bash|zsh|fish`: prints the script. */
export function runCompletion(cmd: CompletionCommand, io: Io): number {
  io.stdout(completionScript(cmd.shell, cmd.spec));
  return ExitCode.ok;
}
