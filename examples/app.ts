// The cdktf app behind `npm run synth` and `cdktf synth`: the seed config.yml (instance `one`
// backed up to Barman server `two`) as a Terraform stack. No cloud account, no network needed.
import { join } from 'node:path';
import { App } from 'cdktf';
import { BarmanStack, loadGraphFromFile } from '../lib';

const app = new App();
// compiled to dist/examples/: the config sits beside the source
const graph = loadGraphFromFile(join(__dirname, '..', '..', 'examples', 'config.yml'));
new BarmanStack(app, 'barman-seed', { graph });
app.synth();
