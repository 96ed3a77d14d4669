"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// The cdktf app behind `npm run synth` and `cdktf synth`: the seed config.yml (instance `one`
// backed up to Barman server `two`) as a Terraform stack. No cloud account, no network needed.
const node_path_1 = require("node:path");
const cdktf_1 = require("cdktf");
const lib_1 = require("../lib");
const app = new cdktf_1.App();
// compiled to dist/examples/: the config sits beside the source
const graph = (0, lib_1.loadGraphFromFile)((0, node_path_1.join)(__dirname, '..', '..', 'examples', 'config.yml'));
new lib_1.BarmanStack(app, 'barman-seed', { graph });
app.synth();
