// Copies the host shell files (lib/**/*.sh) beside the compiled library in dist/, where the
// library reads them at synth time and from where the package ships them; and the protocol
// files of the test-only stand-in providers (test/support/offline-providers/proto/*.proto),
// which they load at run time.
const { cpSync, readdirSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
function copy(dir, suffix) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) copy(p, suffix);
    else if (e.name.endsWith(suffix)) cpSync(p, join(root, 'dist', relative(root, p)));
  }
}
copy(join(root, 'lib'), '.sh');
copy(join(root, 'test', 'support', 'offline-providers'), '.proto');
