import { Diagnostic, SourcePosition } from './diagnostics';
/** A value from the input and where it was written (when it came from a file). */
export interface Located<T> {
    readonly value: T;
    readonly where?: SourcePosition;
    /** where its key was written, for a value that is an entry of a mapping (errors about the key's name) */
    readonly keyWhere?: SourcePosition;
}
/** One instance as given, before validation: what both input paths produce. */
export interface InstanceSpec {
    /** normalised (lower-case, '_' to '-'); `given` keeps what the user wrote */
    readonly name: Located<string>;
    readonly givenName: string;
    readonly roles: Located<readonly string[]>;
    /** empty when the instance is not backed up */
    readonly backup: readonly Located<string>[];
    readonly privateIp?: Located<string>;
    readonly ipAddress?: Located<string>;
    readonly publicIp?: Located<string>;
    /** TPA's `upstream`: the instance a replica follows */
    readonly upstream?: Located<string>;
    /** TPA's `ansible_host`: where the controller connects */
    readonly ansibleHost?: Located<string>;
    /** instance vars after instance_defaults and location were merged underneath */
    readonly vars: ReadonlyMap<string, Located<unknown>>;
    /** where the instance's entry starts */
    readonly where?: SourcePosition;
}
/** The whole input graph, not yet validated. */
export interface ClusterSpec {
    readonly clusterName: Located<string>;
    readonly clusterVars: ReadonlyMap<string, Located<unknown>>;
    readonly instances: readonly InstanceSpec[];
    /** the config file, when the graph came from one */
    readonly file?: string;
    /** what the loader found (warnings, and errors reported together with validation's) */
    readonly diagnostics?: readonly Diagnostic[];
}
