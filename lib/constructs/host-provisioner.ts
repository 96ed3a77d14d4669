import { Instance } from '../model/graph';
import { FileKind, HostFile } from '../render/host-files';
import { PRIVATE_KEY_INSTALL_SCRIPT } from '../scripts/private-key-script';
import { HostScript, privateKeyExecLines, remoteExecLines, secretExecLines, sha256 } from '../scripts/remote-command';
import { Construct, ITerraformDependable, NullResource, RemoteExecProvisioner, TerraformResource } from '../platform/cdktf';
import { HostConnectionProps, connectionFor, secretScriptPath } from './host-connection';
import { TerraformData } from './terraform-data';
import { escapeTerraform } from './terraform-escape';

/** Which Terraform resource carries the provisioners; the scripts are identical in both. */
export enum ProvisionerResourceType {
  /** `null_resource` from the hashicorp/null provider */
  NULL_RESOURCE = 'null_resource',
  /** Terraform's built-in `terraform_data` (Terraform >= 1.4, no provider needed) */
  TERRAFORM_DATA = 'terraform_data',
}

/** A private key file and its content as a Terraform expression yielding base64. */
export interface PrivateKeyFile {
  readonly file: HostFile;
  readonly base64: string;
}

/** Where one concern's resource goes: its type, how Terraform reaches the host, its logical id. */
export interface ProvisionerPlacement {
  readonly resourceType: ProvisionerResourceType;
  readonly connection: HostConnectionProps;
  readonly logicalId: string;
}

export interface HostProvisionerProps extends ProvisionerPlacement {
  readonly host: Instance;
  /** the files this resource writes: their contents become triggers */
  readonly files: readonly HostFile[];
  /** the main, non-secret step @default - none: only secret steps */
  readonly script?: HostScript;
  /** what the script does, for a person reading the plan or the apply log */
  readonly purpose: string;
  /** @default - none */
  readonly privateKeys?: readonly PrivateKeyFile[];
  /** steps that handle other secrets (passwords), after the main step @default - none */
  readonly secretSteps?: readonly SecretStep[];
  /** more triggers (e.g. SQL the resource runs); values may be sensitive hashes @default - none */
  readonly extraTriggers?: { [key: string]: string };
  /** @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

/** A script that receives secrets as files (see secretExecLines). */
export interface SecretStep {
  readonly purpose: string;
  readonly script: string;
  /** Terraform expressions yielding base64 */
  readonly secretsBase64: readonly string[];
}

/**
 * One provisioner resource on one host. Its triggers carry every non-secret file it writes, so
 * `terraform plan` prints a line diff of exactly what changes where; private keys are never in
 * triggers (the public key's file changes with the pair).
 */
export class HostProvisioner extends Construct {
  public readonly resource: TerraformResource;
  /** the host its provisioners run on */
  public readonly host: Instance;
  public readonly triggers: { [key: string]: string };
  /** the texts it writes and runs before any encoding, and its connection: where token values are looked for */
  public readonly usedText: readonly string[];

  constructor(scope: Construct, id: string, props: HostProvisionerProps) {
    super(scope, id);
    this.host = props.host;
    this.triggers = triggersOf(props);
    this.usedText = [
      props.host.connectionHost,
      ...props.host.sshHostKeys.slice(0, 1),
      ...props.files.map((f) => f.content ?? ''),
      ...Object.values(props.extraTriggers ?? {}),
      props.script?.script ?? '',
      ...(props.secretSteps ?? []).map((x) => x.script),
    ];
    const connection = connectionFor(props.host, props.connection);
    const scriptPath = secretScriptPath(props.connection, props.host);
    const secretConnection = { connection: { ...connection, scriptPath } };
    const provisioners: RemoteExecProvisioner[] = [
      ...(props.script ? [{ type: 'remote-exec' as const, inline: remoteExecLines(props.script, props.purpose).map(escapeTerraform) }] : []),
      ...(props.secretSteps ?? []).map(
        (step): RemoteExecProvisioner => ({ type: 'remote-exec', inline: secretExecLines(step.purpose, step.script, step.secretsBase64).map(escapeTerraform), ...secretConnection }),
      ),
      ...(props.privateKeys ?? []).map(
        (k): RemoteExecProvisioner => ({
          type: 'remote-exec',
          inline: privateKeyExecLines(PRIVATE_KEY_INSTALL_SCRIPT, k.base64, k.file.path, k.file.owner, k.file.group).map(escapeTerraform),
          ...secretConnection,
        }),
      ),
    ];
    const common = { provisioners, connection, dependsOn: props.dependsOn };
    this.resource =
      props.resourceType === ProvisionerResourceType.TERRAFORM_DATA
        ? new TerraformData(this, 'resource', { ...common, triggersReplace: this.triggers })
        : new NullResource(this, 'resource', { ...common, triggers: this.triggers });
    this.resource.overrideLogicalId(props.logicalId);
  }
}

function triggersOf(props: HostProvisionerProps): { [key: string]: string } {
  const t: { [key: string]: string } = {
    host: `${props.host.name} (ssh ${props.host.connectionHost})`,
    layout: props.files.map((f) => `${f.kind} ${f.owner}:${f.group} ${f.mode} ${f.path}\n`).join(''),
  };
  for (const f of props.files) {
    // secrets stay out: private keys, and .pgpass (its block only ever holds placeholders here)
    if (f.kind !== FileKind.PRIVATE_KEY && f.kind !== FileKind.PASSWORD_BLOCK && f.content !== undefined) t[f.path] = escapeTerraform(f.content);
  }
  for (const [k, v] of Object.entries(props.extraTriggers ?? {})) t[k] = v;
  // a change to the library's scripts rolls out too
  const scripts = [props.script?.script ?? '', ...(props.secretSteps ?? []).map((x) => x.script)].join('\n');
  t.script_sha256 = sha256(scripts);
  return t;
}
