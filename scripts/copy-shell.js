// Copies the host shell files (lib/**/*.sh) beside the compiled library in dist/, where the
// library reads them at synth time and from where the package ships them.
const { cpSync, readdirSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
function copy(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) copy(p);
    else if (e.name.endsWith('.sh')) cpSync(p, join(root, 'dist', relative(root, p)));
  }
}
copy(join(root, 'lib'));
