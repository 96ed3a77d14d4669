import { Instance } from '../model/graph';
import { FileKind, HostFile, PrivateKeyFile, fileLayout } from '../render/host-files';
import { HostScript, literalArgsOf, privateKeyStep, remoteExecLines, secretExecLines, sha256, triggerArgsOf } from '../scripts/remote-command';
import { HOST_PROGRAM_SHA256 } from '../scripts/host-program';
import { Construct, ITerraformDependable, NullResource, RemoteExecProvisioner, TerraformResource } from '../platform/cdktf';
import { hostProgramTarget } from './host-program-local';
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
export interface PrivateKeyInstall {
  readonly file: PrivateKeyFile;
  readonly base64: string;
}

/** The private key files among these, each to be installed with this content. */
export function privateKeyInstalls(files: readonly HostFile[], base64: string): PrivateKeyInstall[] {
  return files.filter((f) => f.kind === FileKind.PRIVATE_KEY).map((file) => ({ file, base64 }));
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
  /** @default - none */
  readonly privateKeys?: readonly PrivateKeyInstall[];
  /** steps that handle other secrets (passwords), after the main step @default - none */
  readonly secretSteps?: readonly SecretStep[];
  /** more triggers (e.g. SQL the resource runs); values may be sensitive hashes @default - none */
  readonly extraTriggers?: { [key: string]: string };
  /** @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

/** A step that receives secrets as files (see secretExecLines). */
export interface SecretStep {
  readonly script: HostScript;
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
    const steps = stepsOf(props);
    const { triggers, stepValues } = triggersOf(props, steps);
    this.triggers = triggers;
    this.usedText = [
      props.host.connectionHost,
      ...props.host.sshHostKeys.slice(0, 1),
      ...props.files.map((f) => f.content ?? ''),
      ...Object.values(props.extraTriggers ?? {}),
      ...stepValues,
      ...steps.flatMap(literalArgsOf),
    ];
    const target = hostProgramTarget(this, props.resourceType === ProvisionerResourceType.TERRAFORM_DATA ? 'triggers_replace' : 'triggers', Object.keys(this.triggers));
    // every step uploads to the connection user's home, never the world-writable /tmp; the prologue removes the copy
    const connection = { ...connectionFor(props.host, props.connection), scriptPath: secretScriptPath(props.connection, props.host) };
    const provisioners: RemoteExecProvisioner[] = [
      ...(props.script ? [{ type: 'remote-exec' as const, inline: remoteExecLines(props.script, target) }] : []),
      ...secretStepsOf(props).map((step): RemoteExecProvisioner => ({ type: 'remote-exec', inline: secretExecLines(step.script, step.secretsBase64, target) })),
    ];
    const common = { provisioners, connection, dependsOn: props.dependsOn };
    this.resource =
      props.resourceType === ProvisionerResourceType.TERRAFORM_DATA
        ? new TerraformData(this, 'resource', { ...common, triggersReplace: this.triggers })
        : new NullResource(this, 'resource', { ...common, triggers: this.triggers });
    this.resource.overrideLogicalId(props.logicalId);
  }
}

/** the steps that handle secrets: the given ones, then one per private key */
function secretStepsOf(props: HostProvisionerProps): SecretStep[] {
  const keys = (props.privateKeys ?? []).map((k) => ({ script: privateKeyStep(k.file.path, k.file.owner, k.file.group), secretsBase64: [k.base64] }));
  return [...(props.secretSteps ?? []), ...keys];
}

/** the resource's steps: the main one and the secret ones */
function stepsOf(props: HostProvisionerProps): HostScript[] {
  return [...(props.script ? [props.script] : []), ...secretStepsOf(props).map((x) => x.script)];
}

/**
 * The resource's triggers: `host`, `layout`, every non-secret file it writes, what its steps read
 * besides (SQL), each escaped once as literal text; the extra triggers as given (Terraform text);
 * and `script_sha256`. Also the values the steps read that no file holds (`stepValues`).
 */
function triggersOf(props: HostProvisionerProps, steps: readonly HostScript[]): { triggers: { [key: string]: string }; stepValues: string[] } {
  const literal = new Map<string, string>([
    ['host', `${props.host.name} (ssh ${props.host.connectionHost})`],
    ['layout', fileLayout(props.files)],
  ]);
  for (const f of props.files) {
    // secrets stay out: private keys, and .pgpass (its block only ever holds placeholders here)
    if (f.kind !== FileKind.PRIVATE_KEY && f.kind !== FileKind.PASSWORD_BLOCK && f.content !== undefined) literal.set(f.path, f.content);
  }
  const stepValues: string[] = [];
  for (const a of steps.flatMap(triggerArgsOf)) {
    const known = literal.get(a.trigger);
    if (known === undefined) {
      literal.set(a.trigger, a.content);
      stepValues.push(a.content);
    } else if (known !== a.content) throw new Error(`a step reads trigger ${a.trigger}, which holds other content`);
  }
  const t: { [key: string]: string } = {};
  for (const [k, v] of literal) t[k] = escapeTerraform(v);
  for (const [k, v] of Object.entries(props.extraTriggers ?? {})) t[k] = v;
  // a change to the host program or to a step rolls out too
  t.script_sha256 = sha256([HOST_PROGRAM_SHA256, ...steps.map((x) => [x.step, ...literalArgsOf(x)].join('\u0000'))].join('\n'));
  return { triggers: t, stepValues };
}
