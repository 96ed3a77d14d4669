import { Instance } from '../model/graph';
import { HostFile } from '../render/host-files';
import { HostScript } from '../scripts/remote-command';
import { Construct, ITerraformDependable, TerraformResource } from '../platform/cdktf';
import { HostConnectionProps } from './host-connection';
/** Which Terraform resource carries the provisioners; the scripts are identical in both. */
export declare enum ProvisionerResourceType {
    /** `null_resource` from the hashicorp/null provider */
    NULL_RESOURCE = "null_resource",
    /** Terraform's built-in `terraform_data` (Terraform >= 1.4, no provider needed) */
    TERRAFORM_DATA = "terraform_data"
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
    /** @default - none */
    readonly privateKeys?: readonly PrivateKeyFile[];
    /** steps that handle other secrets (passwords), after the main step @default - none */
    readonly secretSteps?: readonly SecretStep[];
    /** more triggers (e.g. SQL the resource runs); values may be sensitive hashes @default - none */
    readonly extraTriggers?: {
        [key: string]: string;
    };
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
export declare class HostProvisioner extends Construct {
    readonly resource: TerraformResource;
    /** the host its provisioners run on */
    readonly host: Instance;
    readonly triggers: {
        [key: string]: string;
    };
    /** the texts it writes and runs before any encoding, and its connection: where token values are looked for */
    readonly usedText: readonly string[];
    constructor(scope: Construct, id: string, props: HostProvisionerProps);
}
