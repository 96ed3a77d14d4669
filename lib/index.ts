// The public API of cdktf-barman, by name. Everything else under lib/ is internal and may change
// in any release. test/package/public-api.test.ts pins this list and checks that every type a
// public signature mentions is exported too.

// Constructs
export { BarmanCluster, type BarmanClusterOptions, type BarmanClusterProps } from './constructs/barman-cluster';
export { type ClusterSource } from './constructs/cluster-source';
export { BarmanStack, type BarmanStackProps } from './constructs/barman-stack';
export { type HostConnectionProps } from './constructs/host-connection';
export { type ProvisionerPlacement, ProvisionerResourceType } from './constructs/host-provisioner';
export { type SshKeyPair, SshKeyPairs, type SshKeyPairsProps, type SuppliedKeyPairs } from './constructs/ssh-key-pairs';
export { DatabasePasswords, type DatabasePasswordsProps, type SuppliedDatabasePasswords } from './constructs/database-passwords';

// The per-concern constructs BarmanCluster wires together, and the files they take
export { BarmanServerConfig, type BarmanServerConfigProps } from './concerns/barman-server/barman-server-config';
export { BackupEdgeConfig, type BackupEdgeConfigProps } from './concerns/backup-edge/backup-edge-config';
export { PostgresAccess, type PostgresAccessProps } from './concerns/postgres-access/postgres-access';
export { PostgresConfig, type PostgresConfigProps } from './concerns/postgres-config/postgres-config';
export { PostgresRoles, type PostgresRolesProps } from './concerns/postgres-roles/postgres-roles';
export { BarmanActivation, type BarmanActivationProps } from './concerns/activation/barman-activation';
export { PostgresRetirement, type PostgresRetirementProps } from './concerns/postgres-retirement/postgres-retirement';
export { Preflight, type PreflightProps } from './concerns/preflight/preflight';
export { type AuthorizedKey, Concern, FileKind, type HostFile, type HostPlan, type KeyRef } from './render/host-files';
export { renderHosts } from './concerns/render-hosts';
export { type KeyMaterial } from './render/key-material';

// The cluster: typed props or a TPA config.yml, validated into a graph
export { type ClusterProps, type InstanceProps, graphFromProps } from './model/typed-cluster';
export { loadGraphFromFile } from './config/tpa-config';
export { type BackupEdge, BarmanGraph, type Instance } from './model/graph';
export { type TokenCheck, TokenRule } from './model/token-checks';
export { type BarmanSettings, type EffectiveSettings } from './model/settings';
export { BackupMethod, BackupOption, Compression, HbaMethod, KeyAlgorithm, Period, RemovedBackups, ReuseBackup, Role, SshUser } from './model/enums';
export { MaximumAge, RetentionPolicy } from './model/periods';

// Errors and warnings
export { type Diagnostic, InvalidConfigError, Severity, type SourcePosition, formatDiagnostic } from './model/diagnostics';

// Health: `cdktf-barman status` as functions
export { type StatusConnection, collectStatus, collectStatusFromTargets, statusTargetsOf } from './status/collect';
export { type BackupTarget, type ServerTarget, type StatusTargets } from './status/targets';
export { StatusTargetsError, readStatusTargets } from './status/targets-from-outputs';
export { formatReport } from './status/format';
export { type SshResult, type SshRunner, type SshTarget } from './status/ssh-runner';
export {
  type BackupCount,
  type CheckResult,
  type CronState,
  type DriftEntry,
  DriftState,
  type DrillState,
  InstanceState,
  type InstanceStatus,
  type LastBackup,
  type ServerStatus,
  type StatusReport,
  type StreamingState,
  Verdict,
  type WalArchiveState,
} from './status/report';
