import { ClusterSpec, Located } from './cluster-spec';
import { DiagnosticBag, showValue } from './diagnostics';

/**
 * cdktf writes a reference (another resource's attribute, a variable, a function call) into plain
 * strings as a marker, `${TfToken[TOKEN.n]}` (`#{TfToken[` in a list, `&{TfToken[` in a map), and
 * into numbers as a reserved range of huge doubles; at synthesis it turns every marker back into
 * the reference, wherever it stands. So a marker typed into config.yml (or into a typed prop meant
 * as text) would become a real reference, even to a private key variable. Values of the graph are
 * literal text: a marker in one is refused here, once, for every key. The model stays free of
 * cdktf, so the markers are matched by their text (cdktf 0.21's lib/tokens/private/encoding.js).
 */
const TOKEN_MARKER = /[$#&]\{TfToken\[/;

/**
 * Keys that may carry a token deliberately passed by a TypeScript caller (none yet: the estates
 * issue adds host addresses). Values from config.yml are literal text whatever the key.
 */
const TOKEN_KEYS: ReadonlySet<string> = new Set<string>();

const PROBLEM = "holds a CDK for Terraform reference marker ('${TfToken[', '#{TfToken[' or '&{TfToken[', or a number token)";
const FIX = 'values from config.yml, and typed values meant as text, are literal text that synthesis would turn into a reference to another resource (even a secret): remove the marker';

/** Reports every value of the input graph that cdktf would read as a reference. */
export function checkLiteralText(spec: ClusterSpec, bag: DiagnosticBag): void {
  const visit = (key: string, v: Located<unknown> | undefined, instance?: string): void => {
    if (v === undefined || TOKEN_KEYS.has(key)) return;
    const bad = findToken(v.value);
    if (bad !== undefined) bag.error(`${showValue(bad)} ${PROBLEM}: ${FIX}`, { instance, key, position: v.where });
  };
  visit('cluster_name', spec.clusterName);
  for (const [k, v] of spec.clusterVars) visit(k, v);
  for (const i of spec.instances) {
    const who = i.givenName;
    visit('Name', i.name, who);
    visit('role', i.roles, who);
    i.backup.forEach((b) => visit('backup', b, who));
    visit('private_ip', i.privateIp, who);
    visit('ip_address', i.ipAddress, who);
    visit('public_ip', i.publicIp, who);
    visit('upstream', i.upstream, who);
    visit('ansible_host', i.ansibleHost, who);
    for (const [k, v] of i.vars) visit(k, v, who);
  }
}

/** The first string (or number) in a value, nested or not, that holds a cdktf token. */
function findToken(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return TOKEN_MARKER.test(value) ? value : undefined;
  // cdktf's number tokens are doubles near -1.9e289; no setting reads a number that large
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) > Number.MAX_SAFE_INTEGER ? value : undefined;
  if (depth > 64 || value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    const found = findToken(k, depth + 1) ?? findToken(v, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
