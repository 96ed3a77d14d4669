/**
 * Test-only stand-in providers (see README.md): the plugin's entry point. The one argument names
 * the provider to serve: `null` (hashicorp/null: null_resource) or `tls` (hashicorp/tls:
 * tls_private_key). Started by Terraform through the wrappers that scripts/offline-providers
 * writes into a filesystem mirror.
 */
import { PROVIDERS } from './providers';
import { servePlugin } from './plugin-server';

const name = process.argv[2] ?? '';
const provider = PROVIDERS[name];
if (provider === undefined) {
  process.stderr.write(`usage: main.js ${Object.keys(PROVIDERS).join('|')} (test-only stand-in Terraform providers)\n`);
  process.exit(2);
}
servePlugin(provider);
