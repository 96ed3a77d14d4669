import { ClusterSpec } from './cluster-spec';
import { Role } from './enums';
import { BarmanGraph } from './graph';
import { BarmanSettings } from './settings';
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
/** The same unvalidated spec the config.yml loader produces. */
export declare function clusterSpecFromProps(props: ClusterProps): ClusterSpec;
/** Validates typed props into a graph (throws InvalidConfigError with every problem). */
export declare function graphFromProps(props: ClusterProps): BarmanGraph;
