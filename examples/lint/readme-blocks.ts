/** A command a README shows, with the exit code it states and the output it shows. */
export interface ShownRun {
  /** The command line, as run from the repository root: `reach lint -f examples/seed`. */
  readonly command: string;
  /** From the `# exit N` comment after the command. */
  readonly exit: number;
  /** The `text` block right after the command's `sh` block, with its final newline. */
  readonly output: string;
}

/**
 * Every one-line `sh` block of a README that runs `reach lint` or `reach diff` and states its
 * exit code (`reach lint -f examples/seed  # exit 0`), with the `text` block that follows it:
 * what the README claims the command prints.
 */
export function shownRuns(readme: string): ShownRun[] {
  const runs: ShownRun[] = [];
  const pattern =
    /```sh\n(reach (?:lint|diff) [^\n#]*?)\s+# exit (\d+)\n```\n+```(?:text|markdown)\n([\s\S]*?)```/g;
  for (const match of readme.matchAll(pattern)) {
    runs.push({
      command: (match[1] ?? '').trim(),
      exit: Number(match[2]),
      output: match[3] ?? '',
    });
  }
  return runs;
}
