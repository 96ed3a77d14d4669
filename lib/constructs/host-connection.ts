import { Instance } from '../model/graph';
import { SSHProvisionerConnection } from '../platform/cdktf';

/** How Terraform reaches the hosts over SSH. */
export interface HostConnectionProps {
  /** root, or a user with passwordless sudo @default root */
  readonly user?: string;
  /** @default - each instance's cluster_ssh_port (22) */
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
   * where Terraform uploads the scripts of provisioners that carry secrets (private keys,
   * passwords); it makes them mode 0777 until they run and delete themselves, so keep them in a
   * directory only the connection user can enter
   * @default - /root/.cdktf-barman-%RAND%.sh for root, else Terraform's /tmp/terraform_%RAND%.sh
   */
  readonly secretScriptPath?: string;
}

/** The upload path of secret-carrying scripts (undefined: Terraform's default). */
export function secretScriptPath(props: HostConnectionProps = {}): string | undefined {
  if (props.secretScriptPath !== undefined) return props.secretScriptPath;
  return (props.user ?? 'root') === 'root' ? '/root/.cdktf-barman-%RAND%.sh' : undefined;
}

/** The connection block for one host; its pinned host key (the first) is checked when given. */
export function connectionFor(host: Instance, props: HostConnectionProps = {}): SSHProvisionerConnection {
  const agent = props.agent ?? props.privateKey === undefined;
  return {
    type: 'ssh',
    host: host.connectionHost,
    user: props.user ?? 'root',
    port: props.port ?? host.settings.sshPort,
    // cdktf types agent as a string; Terraform reads a bool
    agent: agent as unknown as string,
    privateKey: props.privateKey,
    hostKey: host.sshHostKeys[0],
    bastionHost: props.bastionHost,
    bastionUser: props.bastionUser,
    bastionPort: props.bastionPort,
    bastionPrivateKey: props.bastionPrivateKey,
    bastionHostKey: props.bastionHostKey,
    timeout: props.timeout,
  };
}
