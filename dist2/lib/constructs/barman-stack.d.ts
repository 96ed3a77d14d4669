import { Construct, TerraformStack } from '../platform/cdktf';
import { BarmanCluster, BarmanClusterProps } from './barman-cluster';
/** The cluster's props (its definition and options) and the stack's variables. */
export interface BarmanStackProps extends BarmanClusterProps {
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
    /**
     * declare a sensitive variable `<prefix>_bastion_private_key` for the jump host (set
     * `connection.bastionHost` too) @default false
     */
    readonly bastionKeyFromVariable?: boolean;
    /**
     * declare sensitive variables `<prefix>_barman_db_password` and
     * `<prefix>_streaming_barman_db_password` and use them instead of generated passwords
     * @default false
     */
    readonly databasePasswordsFromVariables?: boolean;
    /**
     * make the stack a Terraform module for an HCL estate: per instance, input variables
     * `address_<name>` and `connection_host_<name>` (name with characters other than letters,
     * digits and '_' as '_'; defaults from the cluster's definition) used as its addresses; outputs
     * `<prefix>_host_resources` and `<prefix>_ready`; no provider blocks (only required_providers).
     * The definition must give literal addresses (they become the defaults) @default false
     */
    readonly asModule?: boolean;
}
/**
 * One OpenSSH public key line of a supported type, with an optional comment (and one final
 * newline, as `file()` reads a .pub file). RE2 syntax, as Terraform's regex() takes it.
 */
export declare const PUBLIC_KEY_LINE = "^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+={0,3}( [^\\r\\n]*)?\\r?\\n?$";
/** An unencrypted private key in OpenSSH or PEM form: BEGIN line, base64 body, END line. */
export declare const PRIVATE_KEY_BLOCK = "^-----BEGIN (OPENSSH |RSA |EC )?PRIVATE KEY-----\\r?\\n[A-Za-z0-9+/=\\r\\n]+-----END (OPENSSH |RSA |EC )?PRIVATE KEY-----[\\r\\n]*$";
/** A whole stack around one BarmanCluster, for the CLI and the examples. */
export declare class BarmanStack extends TerraformStack {
    readonly cluster: BarmanCluster;
    constructor(scope: Construct, id: string, props: BarmanStackProps);
}
/**
 * Synthesizes the stack and returns its Terraform JSON without a backend, ready to drop into an
 * existing Terraform directory. Runs what `cdktf synth` runs on one stack (aspects, validations,
 * error annotations) but skips its cross-stack resolve pass and its file round trip: a third
 * less time and half the memory on large estates (bench/).
 */
export declare function synthesizeTerraformJson(props: BarmanStackProps, stackName?: string): Record<string, unknown>;
