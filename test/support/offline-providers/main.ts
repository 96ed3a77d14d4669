/**
 * Test-only stand-in providers (see README.md): the plugin's entry point. The one argument names
 * the provider to serve: `null` (hashicorp/null: null_resource) or `tls` (hashicorp/tls:
 * tls_private_key). Started by Terraform through the wrappers that scripts/offline-providers
 * writes into a filesystem mirror.
 *
 * `node --test dist/test/` runs every .js file below dist/test as a test file, this one
 * included, without arguments: there it does nothing.
 */
import { PROVIDERS } from './providers';
import { servePlugin } from './plugin-server';

const name = process.argv[2];
if (name === undefined && process.env.NODE_TEST_CONTEXT !== undefined) {
  // loaded by the test runner, not started by Terraform
} else {
  const provider = PROVIDERS[name ?? ''];
  if (provider === undefined) {
    process.stderr.write(`usage: main.js ${Object.keys(PROVIDERS).join('|')} (test-only stand-in Terraform providers)\n`);
    process.exit(2);
  }
  servePlugin(provider);
}
