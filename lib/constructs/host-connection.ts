import { Instance } from '../model/graph';
import { isLoginName } from '../model/names';
import { SSHProvisionerConnection, Token } from '../platform/cdktf';
import { escapeTerraform } from './terraform-escape';

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
export function secretScriptPath(props: HostConnectionProps = {}, host?: Instance): string {
  if (props.secretScriptPath !== undefined) return escapeTerraform(props.secretScriptPath);
  const user = connectionUser(props, host);
  return user === 'root' ? '/root/.cdktf-barman-%RAND%.sh' : `/home/${user}/.cdktf-barman-%RAND%.sh`;
}

/**
 * The connection user: the host's own from its config (checked there), else the construct-wide one,
 * whose literal must be a login name (it lands in Terraform strings and a path).
 */
function connectionUser(props: HostConnectionProps, host?: Instance): string {
  const user = props.user ?? 'root';
  if (!Token.isUnresolved(user) && !isLoginName(user)) {
    throw new Error(`connection user ${JSON.stringify(user)} is not an os user name: use letters, digits, '_', '.' and '-', starting with a letter or '_'`);
  }
  return host?.connectionUser ?? user;
}

/** Literal text Terraform must not read as a template; tokens passed on purpose stay references. */
const literal = (text: string | undefined): string | undefined => (text === undefined ? undefined : escapeTerraform(text));

/** The connection block for one host; its pinned host key (the first) is checked when given. */
export function connectionFor(host: Instance, props: HostConnectionProps = {}): SSHProvisionerConnection {
  const agent = props.agent ?? props.privateKey === undefined;
  return {
    type: 'ssh',
    host: literal(host.connectionHost)!,
    user: connectionUser(props, host),
    port: host.connectionPort ?? props.port ?? host.settings.sshPort,
    // cdktf types agent as a string; Terraform reads a bool
    agent: agent as unknown as string,
    privateKey: props.privateKey,
    hostKey: literal(host.sshHostKeys[0]),
    bastionHost: literal(props.bastionHost),
    bastionUser: literal(props.bastionUser),
    bastionPort: props.bastionPort,
    bastionPrivateKey: props.bastionPrivateKey,
    bastionHostKey: literal(props.bastionHostKey),
    timeout: literal(props.timeout),
  };
}
