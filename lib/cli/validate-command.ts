import { CommandSpec, EXIT_INVALID, EXIT_OK, Io, ParsedArgs } from './command-line';
import { configArgument, load, summary } from './load-config';

export const VALIDATE: CommandSpec = {
  name: 'validate',
  synopsis: 'CONFIG',
  summary: 'check a TPA-style config.yml: a one-line summary, or every error as CONFIG:LINE:COL',
  details: 'Prints each error as CONFIG:LINE:COL: error: MESSAGE (instance, key and the fix), warnings\nthe same way; exit 1 when there is an error.',
  options: [],
};

export function validateCommand(args: ParsedArgs, io: Io): number {
  const file = configArgument(args);
  const g = load(file, io);
  if (!g) return EXIT_INVALID;
  io.out(summary(file, g) + '\n');
  return EXIT_OK;
}
