import { Instance } from '../model/graph';
import { SSHProvisionerConnection } from '../platform/cdktf';
/** How Terraform reaches the hosts over SSH. */
export interface HostConnectionProps {
    /**
     * root, or a user with passwordless sudo; an instance whose config names its own (vars
     * ansible_user, in the instance or cluster_vars) connects as that one, like Ansible's -u
     * @default root
     */
    readonly user?: string;
    /**
     * an instance whose config names its own port (vars ansible_port) connects to that one
     * @default - each instance's cluster_ssh_port (22)
     */
    readonly port?: number;
    /** private key for the connection (e.g. a sensitive variable) @default - the ssh agent */
    readonly privateKey?: string;
    /** use the ssh agent @default - true when no privateKey is given */
    readonly agent?: boolean;
    /** jump host @default - direct */
    readonly bastionHost?: string;
    /** @default - the connection user */
    readonly bastionUser?: string;
    /** @default 22 */
    readonly bastionPort?: number;
    /** @default - the connection private key */
    readonly bastionPrivateKey?: string;
    /** pinned host key of the bastion @default - not checked */
    readonly bastionHostKey?: string;
    /** @default 5m */
    readonly timeout?: string;
    /**
     * where Terraform uploads the script of every provisioner (those of secret steps carry private
     * keys or passwords); it makes them mode 0777 until they run and delete themselves, so keep them
     * in a directory only the connection user can enter
     * @default - /root/.cdktf-barman-%RAND%.sh for root, /home/<user>/.cdktf-barman-%RAND%.sh for
     * another user, each host's own connection user (never Terraform's shared /tmp; a home elsewhere
     * fails the upload, so set it)
     */
    readonly secretScriptPath?: string;
}
/**
 * The upload path of every provisioner's script (secret steps' included): the connection user's
 * own home, never Terraform's default under the world-writable /tmp.
 */
export declare function secretScriptPath(props?: HostConnectionProps, host?: Instance): string;
/** The connection block for one host; its pinned host key (the first) is checked when given. */
export declare function connectionFor(host: Instance, props?: HostConnectionProps): SSHProvisionerConnection;
