"use strict";
// The public API of cdktf-barman, by name. Everything else under lib/ is internal and may change
// in any release. test/package/public-api.test.ts pins this list and checks that every type a
// public signature mentions is exported too.
Object.defineProperty(exports, "__esModule", { value: true });
exports.Verdict = exports.InstanceState = exports.DriftState = exports.formatReport = exports.readStatusTargets = exports.StatusTargetsError = exports.statusTargetsOf = exports.collectStatusFromTargets = exports.collectStatus = exports.formatDiagnostic = exports.Severity = exports.InvalidConfigError = exports.RetentionPolicy = exports.MaximumAge = exports.SshUser = exports.Role = exports.ReuseBackup = exports.RemovedBackups = exports.Period = exports.KeyAlgorithm = exports.HbaMethod = exports.Compression = exports.BackupOption = exports.BackupMethod = exports.TokenRule = exports.BarmanGraph = exports.loadGraphFromFile = exports.graphFromProps = exports.renderHosts = exports.FileKind = exports.Concern = exports.BarmanActivation = exports.PostgresRoles = exports.PostgresConfig = exports.PostgresAccess = exports.BackupEdgeConfig = exports.BarmanServerConfig = exports.DatabasePasswords = exports.SshKeyPairs = exports.ProvisionerResourceType = exports.BarmanStack = exports.BarmanCluster = void 0;
// Constructs
var barman_cluster_1 = require("./constructs/barman-cluster");
Object.defineProperty(exports, "BarmanCluster", { enumerable: true, get: function () { return barman_cluster_1.BarmanCluster; } });
var barman_stack_1 = require("./constructs/barman-stack");
Object.defineProperty(exports, "BarmanStack", { enumerable: true, get: function () { return barman_stack_1.BarmanStack; } });
var host_provisioner_1 = require("./constructs/host-provisioner");
Object.defineProperty(exports, "ProvisionerResourceType", { enumerable: true, get: function () { return host_provisioner_1.ProvisionerResourceType; } });
var ssh_key_pairs_1 = require("./constructs/ssh-key-pairs");
Object.defineProperty(exports, "SshKeyPairs", { enumerable: true, get: function () { return ssh_key_pairs_1.SshKeyPairs; } });
var database_passwords_1 = require("./constructs/database-passwords");
Object.defineProperty(exports, "DatabasePasswords", { enumerable: true, get: function () { return database_passwords_1.DatabasePasswords; } });
// The per-concern constructs BarmanCluster wires together, and the files they take
var barman_server_config_1 = require("./constructs/barman-server-config");
Object.defineProperty(exports, "BarmanServerConfig", { enumerable: true, get: function () { return barman_server_config_1.BarmanServerConfig; } });
var backup_edge_config_1 = require("./constructs/backup-edge-config");
Object.defineProperty(exports, "BackupEdgeConfig", { enumerable: true, get: function () { return backup_edge_config_1.BackupEdgeConfig; } });
var postgres_access_1 = require("./constructs/postgres-access");
Object.defineProperty(exports, "PostgresAccess", { enumerable: true, get: function () { return postgres_access_1.PostgresAccess; } });
var postgres_config_1 = require("./constructs/postgres-config");
Object.defineProperty(exports, "PostgresConfig", { enumerable: true, get: function () { return postgres_config_1.PostgresConfig; } });
var postgres_roles_1 = require("./constructs/postgres-roles");
Object.defineProperty(exports, "PostgresRoles", { enumerable: true, get: function () { return postgres_roles_1.PostgresRoles; } });
var barman_activation_1 = require("./constructs/barman-activation");
Object.defineProperty(exports, "BarmanActivation", { enumerable: true, get: function () { return barman_activation_1.BarmanActivation; } });
var host_files_1 = require("./render/host-files");
Object.defineProperty(exports, "Concern", { enumerable: true, get: function () { return host_files_1.Concern; } });
Object.defineProperty(exports, "FileKind", { enumerable: true, get: function () { return host_files_1.FileKind; } });
Object.defineProperty(exports, "renderHosts", { enumerable: true, get: function () { return host_files_1.renderHosts; } });
// The cluster: typed props or a TPA config.yml, validated into a graph
var typed_cluster_1 = require("./model/typed-cluster");
Object.defineProperty(exports, "graphFromProps", { enumerable: true, get: function () { return typed_cluster_1.graphFromProps; } });
var tpa_config_1 = require("./config/tpa-config");
Object.defineProperty(exports, "loadGraphFromFile", { enumerable: true, get: function () { return tpa_config_1.loadGraphFromFile; } });
var graph_1 = require("./model/graph");
Object.defineProperty(exports, "BarmanGraph", { enumerable: true, get: function () { return graph_1.BarmanGraph; } });
var token_checks_1 = require("./model/token-checks");
Object.defineProperty(exports, "TokenRule", { enumerable: true, get: function () { return token_checks_1.TokenRule; } });
var enums_1 = require("./model/enums");
Object.defineProperty(exports, "BackupMethod", { enumerable: true, get: function () { return enums_1.BackupMethod; } });
Object.defineProperty(exports, "BackupOption", { enumerable: true, get: function () { return enums_1.BackupOption; } });
Object.defineProperty(exports, "Compression", { enumerable: true, get: function () { return enums_1.Compression; } });
Object.defineProperty(exports, "HbaMethod", { enumerable: true, get: function () { return enums_1.HbaMethod; } });
Object.defineProperty(exports, "KeyAlgorithm", { enumerable: true, get: function () { return enums_1.KeyAlgorithm; } });
Object.defineProperty(exports, "Period", { enumerable: true, get: function () { return enums_1.Period; } });
Object.defineProperty(exports, "RemovedBackups", { enumerable: true, get: function () { return enums_1.RemovedBackups; } });
Object.defineProperty(exports, "ReuseBackup", { enumerable: true, get: function () { return enums_1.ReuseBackup; } });
Object.defineProperty(exports, "Role", { enumerable: true, get: function () { return enums_1.Role; } });
Object.defineProperty(exports, "SshUser", { enumerable: true, get: function () { return enums_1.SshUser; } });
var periods_1 = require("./model/periods");
Object.defineProperty(exports, "MaximumAge", { enumerable: true, get: function () { return periods_1.MaximumAge; } });
Object.defineProperty(exports, "RetentionPolicy", { enumerable: true, get: function () { return periods_1.RetentionPolicy; } });
// Errors and warnings
var diagnostics_1 = require("./model/diagnostics");
Object.defineProperty(exports, "InvalidConfigError", { enumerable: true, get: function () { return diagnostics_1.InvalidConfigError; } });
Object.defineProperty(exports, "Severity", { enumerable: true, get: function () { return diagnostics_1.Severity; } });
Object.defineProperty(exports, "formatDiagnostic", { enumerable: true, get: function () { return diagnostics_1.formatDiagnostic; } });
// Health: `cdktf-barman status` as functions
var collect_1 = require("./status/collect");
Object.defineProperty(exports, "collectStatus", { enumerable: true, get: function () { return collect_1.collectStatus; } });
Object.defineProperty(exports, "collectStatusFromTargets", { enumerable: true, get: function () { return collect_1.collectStatusFromTargets; } });
Object.defineProperty(exports, "statusTargetsOf", { enumerable: true, get: function () { return collect_1.statusTargetsOf; } });
var targets_from_outputs_1 = require("./status/targets-from-outputs");
Object.defineProperty(exports, "StatusTargetsError", { enumerable: true, get: function () { return targets_from_outputs_1.StatusTargetsError; } });
Object.defineProperty(exports, "readStatusTargets", { enumerable: true, get: function () { return targets_from_outputs_1.readStatusTargets; } });
var format_1 = require("./status/format");
Object.defineProperty(exports, "formatReport", { enumerable: true, get: function () { return format_1.formatReport; } });
var report_1 = require("./status/report");
Object.defineProperty(exports, "DriftState", { enumerable: true, get: function () { return report_1.DriftState; } });
Object.defineProperty(exports, "InstanceState", { enumerable: true, get: function () { return report_1.InstanceState; } });
Object.defineProperty(exports, "Verdict", { enumerable: true, get: function () { return report_1.Verdict; } });
