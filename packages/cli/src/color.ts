import type { Io } from './io.js';

/** `--color`: colour the table output on a terminal (`auto`), always, or never. */
export type ColorMode = 'auto' | 'always' | 'never';

export const COLOR_MODES: readonly ColorMode[] = ['auto', 'always', 'never'];

/** Paints text for a terminal, or returns it as is. */
export interface Painter {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

const CODES = { green: 32, red: 31, yellow: 33 } as const;

const PLAIN: Painter = { green: (t) => t, red: (t) => t, yellow: (t) => t };

const ANSI: Painter = {
  green: (t) => `\u001b[${CODES.green}m${t}\u001b[39m`,
  red: (t) => `\u001b[${CODES.red}m${t}\u001b[39m`,
  yellow: (t) => `\u001b[${CODES.yellow}m${t}\u001b[39m`,
};

/**
 * Colour for table output: `always` and `never` say so; `auto` colours only when standard
 * output is a terminal and `NO_COLOR` is not set to something (https://no-color.org).
 */
export function painter(io: Io, mode: ColorMode): Painter {
  if (mode === 'never') return PLAIN;
  if (mode === 'always') return ANSI;
  const noColor = io.env.NO_COLOR;
  return io.isTTY && (noColor === undefined || noColor === '') ? ANSI : PLAIN;
}
