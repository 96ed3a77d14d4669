import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SshUser } from '../model/enums';
import { BarmanGraph } from '../model/graph';
import { App, Construct, TerraformOutput, TerraformStack, TerraformVariable } from '../platform/cdktf';
import { BarmanCluster, BarmanClusterOptions } from './barman-cluster';
import { HostConnectionProps } from './host-connection';

export interface BarmanStackProps extends BarmanClusterOptions {
  readonly graph: BarmanGraph;
  /**
   * declare sensitive variables for the two key pairs (`<prefix>_postgres_ssh_private_key`, ...)
   * and use them instead of tls_private_key @default false
   */
  readonly keysFromVariables?: boolean;
  /**
   * declare a sensitive variable `<prefix>_connection_private_key` for Terraform's own SSH
   * connection (no agent) @default false
   */
  readonly connectionKeyFromVariable?: boolean;
}

/** A whole stack around one BarmanCluster, for the CLI and the examples. */
export class BarmanStack extends TerraformStack {
  public readonly cluster: BarmanCluster;

  constructor(scope: Construct, id: string, props: BarmanStackProps) {
    super(scope, id);
    const prefix = props.idPrefix ?? 'barman';
    const secret = (name: string, description: string) => new TerraformVariable(this, `${prefix}_${name}`, { type: 'string', sensitive: true, description });
    const plain = (name: string, description: string) => new TerraformVariable(this, `${prefix}_${name}`, { type: 'string', description });

    let connection: HostConnectionProps = props.connection ?? {};
    if (props.connectionKeyFromVariable) {
      connection = { ...connection, agent: false, privateKey: secret('connection_private_key', 'private key Terraform uses to reach every host over SSH').stringValue };
    }
    const suppliedKeys = props.keysFromVariables
      ? {
          postgres: {
            privateKey: secret('postgres_ssh_private_key', "the postgres OS user's private key (OpenSSH)").stringValue,
            publicKey: plain('postgres_ssh_public_key', "the postgres OS user's public key (OpenSSH line)").stringValue,
          },
          barman: {
            privateKey: secret('barman_ssh_private_key', "the barman OS user's private key (OpenSSH)").stringValue,
            publicKey: plain('barman_ssh_public_key', "the barman OS user's public key (OpenSSH line)").stringValue,
          },
        }
      : props.suppliedKeys;

    this.cluster = new BarmanCluster(this, 'barman', { ...props, connection, suppliedKeys });
    if (!suppliedKeys && !props.perHostKeys) {
      const any = props.graph.instances[0];
      new TerraformOutput(this, `${prefix}_postgres_public_key`, { value: this.cluster.keys.publicKey(SshUser.POSTGRES, any), description: "the postgres OS user's public key", staticId: true });
      new TerraformOutput(this, `${prefix}_barman_public_key`, { value: this.cluster.keys.publicKey(SshUser.BARMAN, any), description: "the barman OS user's public key", staticId: true });
    }
  }
}

/**
 * Synthesizes the stack and returns its Terraform JSON without a backend, ready to drop into an
 * existing Terraform directory. Runs cdktf's validations (missing providers, ...) like `cdktf synth`.
 */
export function synthesizeTerraformJson(props: BarmanStackProps, stackName = 'barman'): Record<string, unknown> {
  const outdir = mkdtempSync(join(tmpdir(), 'cdktf-barman-synth-'));
  try {
    const app = new App({ outdir, skipBackendValidation: true });
    const stack = new BarmanStack(app, stackName, props);
    // cdktf adds a local backend with an absolute state path; the estate chooses its own backend
    stack.addOverride('terraform.backend', undefined);
    app.synth();
    const dir = join(outdir, 'stacks', stackName);
    const file = readdirSync(dir).find((f) => f.endsWith('.tf.json'))!;
    return withoutMetadata(JSON.parse(readFileSync(join(dir, file), 'utf8'))) as Record<string, unknown>;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * cdktf's "//" comments (construct paths, its version, a backend it did not write) change with a
 * refactor or an upgrade while the infrastructure does not: drop them, and an empty terraform block.
 */
function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '//') continue;
    const cleaned = withoutMetadata(v);
    if (k === 'terraform' && typeof cleaned === 'object' && cleaned !== null && Object.keys(cleaned).length === 0) continue;
    out[k] = cleaned;
  }
  return out;
}
