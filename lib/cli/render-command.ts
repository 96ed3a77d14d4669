import { renderHosts } from '../concerns/render-hosts';
import { PlaceholderKeys } from '../render/key-material';
import { CommandSpec, EXIT_INVALID, EXIT_OK, Io, ParsedArgs } from './command-line';
import { configArgument, load, summary } from './load-config';
import { OUT_OPTIONS, manifestName, outDirOf } from './out-dir';
import { writeRender } from './render-files';

export const RENDER: CommandSpec = {
  name: 'render',
  synopsis: 'CONFIG --out DIR [--force]',
  summary: 'write every file the library puts on each host, for review',
  details: `Writes DIR/<instance>/<absolute path> for every file, DIR/<instance>/manifest.json (path, kind,
owner, group, mode) and ${manifestName('render')}; key material that only exists after apply is a
placeholder. The output is staged: on any failure DIR is left as it was.`,
  options: OUT_OPTIONS,
};

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
