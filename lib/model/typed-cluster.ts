import { ClusterSpec, InstanceSpec, Located } from './cluster-spec';
import { Role } from './enums';
import { buildGraph } from './build-graph';
import { BarmanGraph } from './graph';
import { normalizeName } from './names';
import { BarmanSettings, SETTING_BY_PROP } from './settings';

/** One instance of the typed API. */
export interface InstanceProps {
  /** host name; lower-cased with '_' as '-' like TPA does */
  readonly name: string;
  readonly roles: Role[];
  /** what other hosts use to reach it (conninfo, ssh_command) @default - the name */
  readonly address?: string;
  /** what Terraform's SSH connection uses @default - the address */
  readonly connectionHost?: string;
  /** the ssh user Terraform connects as (over the construct's connection user) @default - the construct's connection user */
  readonly connectionUser?: string;
  /** the port Terraform connects to (over the construct's connection port) @default - the construct's port, else cluster_ssh_port */
  readonly connectionPort?: number;
  /** Barman servers it is backed up to @default - not backed up */
  readonly backup?: string[];
  /** its own settings, over the cluster's @default - the cluster's */
  readonly settings?: BarmanSettings;
  /** pinned sshd host public keys ('TYPE BASE64') @default - scanned at apply time (trust on first use) */
  readonly sshHostKeys?: string[];
  /** the instance a replica follows @default - none */
  readonly upstream?: string;
  /** addresses or CIDRs this host's connections come from: pg_hba.conf (Barman server) and authorized_keys from= (both sides) @default - its address */
  readonly clientAddresses?: string[];
}

/** A cluster described in TypeScript, no YAML needed. */
export interface ClusterProps {
  /** letters, digits, '_' and '-' */
  readonly clusterName: string;
  readonly instances: InstanceProps[];
  /** settings of every instance unless it sets its own @default - the defaults of each setting */
  readonly settings?: BarmanSettings;
}

const here = <T>(value: T): Located<T> => ({ value });

/** Typed settings under their config.yml names, values as given: checkValue reads typed values as they are. */
function settingVars(settings: BarmanSettings | undefined): Map<string, Located<unknown>> {
  const vars = new Map<string, Located<unknown>>();
  for (const [prop, value] of Object.entries(settings ?? {})) {
    if (value === undefined) continue;
    const def = SETTING_BY_PROP.get(prop);
    if (!def) throw new Error(`unknown barman setting '${prop}': use one of ${[...SETTING_BY_PROP.keys()].join(', ')}`);
    vars.set(def.varName, here(value));
  }
  return vars;
}

/** The same unvalidated spec the config.yml loader produces. */
export function clusterSpecFromProps(props: ClusterProps): ClusterSpec {
  const instances: InstanceSpec[] = props.instances.map((p) => {
    const vars = settingVars(p.settings);
    if (p.address !== undefined) vars.set('address', here(p.address));
    if (p.connectionHost !== undefined) vars.set('connection_host', here(p.connectionHost));
    if (p.connectionUser !== undefined) vars.set('ansible_user', here(p.connectionUser));
    if (p.connectionPort !== undefined) vars.set('ansible_port', here(p.connectionPort));
    if (p.sshHostKeys !== undefined) vars.set('ssh_host_keys', here(p.sshHostKeys));
    if (p.clientAddresses !== undefined) vars.set('barman_client_addresses', here(p.clientAddresses));
    return {
      name: here(normalizeName(p.name)),
      givenName: p.name,
      roles: here(p.roles.map(String)),
      backup: (p.backup ?? []).map(here),
      upstream: p.upstream === undefined ? undefined : here(p.upstream),
      vars,
    };
  });
  return {
    clusterName: here(props.clusterName),
    clusterVars: settingVars(props.settings),
    instances,
  };
}

/** Validates typed props into a graph (throws InvalidConfigError with every problem). */
export function graphFromProps(props: ClusterProps): BarmanGraph {
  return buildGraph(clusterSpecFromProps(props));
}
