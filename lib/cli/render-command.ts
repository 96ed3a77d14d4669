import { renderHosts } from '../render/host-files';
import { PlaceholderKeys } from '../render/key-material';
import { CommandSpec, EXIT_INVALID, EXIT_OK, Io, OptionSpec, ParsedArgs, UsageError, valueOf } from './command-line';
import { configArgument, load, summary } from './load-config';
import { checkOutDir, manifestName } from './out-dir';
import { writeRender } from './render-files';

/** --out and --force: the one policy of every command that writes (out-dir.ts) */
export const OUT_OPTIONS: readonly OptionSpec[] = [
  { name: 'out', value: 'DIR', help: 'where to write (required); must be missing or empty unless --force' },
  { name: 'force', help: 'write into a non-empty DIR: replaces only what an earlier run of the\nsame command wrote there (its manifest lists it), leaves the rest' },
];

export const RENDER: CommandSpec = {
  name: 'render',
  synopsis: 'CONFIG --out DIR [--force]',
  summary: 'write every file the library puts on each host, for review',
  details: `Writes DIR/<instance>/<absolute path> for every file, DIR/<instance>/manifest.json (path, kind,
owner, group, mode) and ${manifestName('render')}; key material that only exists after apply is a
placeholder. The output is staged: on any failure DIR is left as it was.`,
  options: OUT_OPTIONS,
};

/** The --out DIR of a writing command, checked against the one policy. */
export function outDirOf(args: ParsedArgs, command: string): { out: string; force: boolean } {
  const out = valueOf(args, 'out');
  if (out === undefined) throw new UsageError('--out DIR is required');
  const force = args.options.has('force');
  checkOutDir(out, force, command);
  return { out, force };
}

export function renderCommand(args: ParsedArgs, io: Io): number {
  const file = configArgument(args);
  const { out, force } = outDirOf(args, 'render');
  const g = load(file, io);
  if (!g) return EXIT_INVALID;
  const plans = renderHosts(g, new PlaceholderKeys());
  writeRender(plans, out, force);
  io.out(`${summary(file, g)}; rendered ${plans.reduce((n, p) => n + p.files.length, 0)} paths for ${plans.length} hosts into ${out}\n`);
  return EXIT_OK;
}
