"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RENDER = void 0;
exports.renderCommand = renderCommand;
const host_files_1 = require("../render/host-files");
const key_material_1 = require("../render/key-material");
const command_line_1 = require("./command-line");
const load_config_1 = require("./load-config");
const out_dir_1 = require("./out-dir");
const render_files_1 = require("./render-files");
exports.RENDER = {
    name: 'render',
    synopsis: 'CONFIG --out DIR [--force]',
    summary: 'write every file the library puts on each host, for review',
    details: `Writes DIR/<instance>/<absolute path> for every file, DIR/<instance>/manifest.json (path, kind,
owner, group, mode) and ${(0, out_dir_1.manifestName)('render')}; key material that only exists after apply is a
placeholder. The output is staged: on any failure DIR is left as it was.`,
    options: out_dir_1.OUT_OPTIONS,
};
function renderCommand(args, io) {
    const file = (0, load_config_1.configArgument)(args);
    const { out, force } = (0, out_dir_1.outDirOf)(args, 'render');
    const g = (0, load_config_1.load)(file, io);
    if (!g)
        return command_line_1.EXIT_INVALID;
    const plans = (0, host_files_1.renderHosts)(g, new key_material_1.PlaceholderKeys());
    (0, render_files_1.writeRender)(plans, out, force);
    io.out(`${(0, load_config_1.summary)(file, g)}; rendered ${plans.reduce((n, p) => n + p.files.length, 0)} paths for ${plans.length} hosts into ${out}\n`);
    return command_line_1.EXIT_OK;
}
