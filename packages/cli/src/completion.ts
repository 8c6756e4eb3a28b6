/** The shells `reach completion` writes scripts for. */
export type Shell = 'bash' | 'zsh' | 'fish';

export const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];

/** One flag of a command, as completion scripts need it. */
export interface CompletionOption {
  readonly short?: string;
  readonly long?: string;
  readonly description: string;
  readonly takesValue: boolean;
  readonly choices?: readonly string[];
  /** The value is a path. */
  readonly files: boolean;
}

/** The commands and flags of the program, as completion scripts need them. */
export interface CompletionSpec {
  readonly program: string;
  readonly commands: readonly {
    readonly name: string;
    readonly summary: string;
    readonly options: readonly CompletionOption[];
    /** Positional arguments are paths (`reach test SPEC...`). */
    readonly fileArguments: boolean;
  }[];
}

/**
 * A completion script for `shell`, generated from the program's commands and flags: command
 * names, each command's flags, the choices of flags that have them (`-o`), and file names for
 * `-f` and for `reach test` specs.
 */
export function completionScript(shell: Shell, spec: CompletionSpec): string {
  switch (shell) {
    case 'bash':
      return bashScript(spec);
    case 'zsh':
      return zshScript(spec);
    case 'fish':
      return fishScript(spec);
  }
}

function flagsOf(option: CompletionOption): string[] {
  return [option.short, option.long].filter((f): f is string => f !== undefined);
}

/** A shell function name: `reach` -> `_reach`, `kubectl reach` -> `_kubectl_reach`. */
function functionName(spec: CompletionSpec): string {
  return `_${spec.program.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** The command name completion is registered for (`kubectl-reach` for the plugin). */
function commandName(spec: CompletionSpec): string {
  return spec.program.replace(/ /g, '-');
}

function bashScript(spec: CompletionSpec): string {
  const fn = functionName(spec);
  const commands = spec.commands.map((c) => c.name).join(' ');
  const optionCases = spec.commands
    .map((c) => {
      const flags = c.options.flatMap(flagsOf).join(' ');
      return `    ${c.name}) opts="${flags}"; files=${c.fileArguments ? 1 : 0} ;;`;
    })
    .join('\n');
  const valueCases = new Map<string, string>();
  for (const c of spec.commands) {
    for (const option of c.options) {
      if (!option.takesValue) continue;
      const pattern = flagsOf(option).join('|');
      const action = option.files
        ? 'COMPREPLY=( $(compgen -f -- "$cur") ); return ;;'
        : option.choices !== undefined
          ? `COMPREPLY=( $(compgen -W "${option.choices.join(' ')}" -- "$cur") ); return ;;`
          : 'return ;;';
      const key = `${c.name} ${pattern}`;
      valueCases.set(key, `      ${c.name}:${pattern.replaceAll('|', `|${c.name}:`)}) ${action}`);
    }
  }
  return `# bash completion for ${spec.program}
# Install: source <(${spec.program} completion bash)
# or: ${spec.program} completion bash > /etc/bash_completion.d/${commandName(spec)}
${fn}() {
  local cur prev command opts files
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [[ \${COMP_CWORD} -eq 1 ]]; then
    COMPREPLY=( $(compgen -W "${commands}" -- "$cur") )
    return
  fi
  command="\${COMP_WORDS[1]}"
  case "$command:$prev" in
${[...valueCases.values()].join('\n')}
  esac
  opts=""
  files=0
  case "$command" in
${optionCases}
  esac
  if [[ "$cur" == -* || $files -eq 0 ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
  else
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
}
complete -o default -F ${fn} ${commandName(spec)}
`;
}

/** Text inside a zsh `_arguments` description or a single-quoted word. */
function zshText(text: string): string {
  return text
    .replace(/[[\]:'\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function zshScript(spec: CompletionSpec): string {
  const fn = functionName(spec);
  const commandList = spec.commands.map((c) => `    '${c.name}:${zshText(c.summary)}'`).join('\n');
  const cases = spec.commands
    .map((c) => {
      const args = c.options.flatMap((option) => {
        const description = zshText(option.description);
        const value = !option.takesValue
          ? ''
          : option.files
            ? ':path:_files'
            : option.choices !== undefined
              ? `:value:(${option.choices.join(' ')})`
              : ':value:';
        const repeat = option.files ? '*' : '';
        return flagsOf(option).map((flag) => `'${repeat}${flag}[${description}]${value}'`);
      });
      args.push(c.fileArguments ? "'*:file:_files'" : "'*:endpoint:'");
      return `    ${c.name})\n      _arguments ${args.join(' \\\n        ')}\n      ;;`;
    })
    .join('\n');
  return `#compdef ${commandName(spec)}
# zsh completion for ${spec.program}
# Install: ${spec.program} completion zsh > "\${fpath[1]}/_${commandName(spec)}"
# or, for this shell only: source <(${spec.program} completion zsh)
${fn}() {
  local -a commands
  commands=(
${commandList}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  shift words
  (( CURRENT-- ))
  case $words[1] in
${cases}
  esac
}
if [[ "$funcstack[1]" == "${fn}" ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${commandName(spec)}
fi
`;
}

function fishText(text: string): string {
  return text.replace(/['\\]/g, ' ').replace(/\s+/g, ' ').trim();
}

function fishScript(spec: CompletionSpec): string {
  const program = commandName(spec);
  const names = spec.commands.map((c) => c.name).join(' ');
  const lines = [
    `# fish completion for ${spec.program}`,
    `# Install: ${spec.program} completion fish > ~/.config/fish/completions/${program}.fish`,
    `complete -c ${program} -f`,
  ];
  for (const c of spec.commands) {
    lines.push(
      `complete -c ${program} -n 'not __fish_seen_subcommand_from ${names}' -a ${c.name} -d '${fishText(c.summary)}'`,
    );
  }
  for (const c of spec.commands) {
    const when = `-n '__fish_seen_subcommand_from ${c.name}'`;
    if (c.fileArguments) lines.push(`complete -c ${program} ${when} -F`);
    for (const option of c.options) {
      const parts = [`complete -c ${program} ${when}`];
      if (option.short !== undefined) parts.push(`-s ${option.short.replace(/^-/, '')}`);
      if (option.long !== undefined) parts.push(`-l ${option.long.replace(/^--/, '')}`);
      if (option.takesValue) {
        if (option.files) parts.push('-r -F');
        else if (option.choices !== undefined) parts.push(`-x -a '${option.choices.join(' ')}'`);
        else parts.push('-x');
      }
      parts.push(`-d '${fishText(option.description)}'`);
      lines.push(parts.join(' '));
    }
  }
  return `${lines.join('\n')}\n`;
}
