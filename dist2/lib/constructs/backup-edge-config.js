"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BackupEdgeConfig = void 0;
const host_files_1 = require("../render/host-files");
const server_conf_1 = require("../render/server-conf");
const postgres_side_scripts_1 = require("../scripts/postgres-side-scripts");
const concern_scripts_1 = require("../scripts/concern-scripts");
const cdktf_1 = require("../platform/cdktf");
const host_provisioner_1 = require("./host-provisioner");
/** One backed-up instance on one Barman server: /etc/barman.d/<backup_name>.conf and its cron file. */
class BackupEdgeConfig extends cdktf_1.Construct {
    resource;
    /** /etc/barman.d/<backup_name>.conf as rendered, for what depends on its content */
    serverConf;
    constructor(scope, id, props) {
        super(scope, id);
        const all = props.files.filter((f) => f.concern === host_files_1.Concern.BACKUP_EDGE && f.edge === props.edge);
        const pgpass = all.find((f) => f.kind === host_files_1.FileKind.PASSWORD_BLOCK);
        this.serverConf = all.find((f) => f.path === (0, server_conf_1.serverConfPath)(props.edge));
        const files = props.passwords ? all : all.filter((f) => f !== pgpass);
        this.resource = new host_provisioner_1.HostProvisioner(this, 'provisioner', {
            resourceType: props.resourceType,
            logicalId: props.logicalId,
            host: props.edge.server,
            connection: props.connection,
            files,
            script: (0, concern_scripts_1.backupEdgeScript)(props.edge, files),
            dependsOn: [props.serverConfig],
            ...(props.passwords && pgpass
                ? {
                    secretSteps: [{ script: (0, postgres_side_scripts_1.pgpassScript)(props.edge, pgpass), secretsBase64: props.passwords.base64 }],
                    extraTriggers: { passwords_sha256: props.passwords.hash },
                }
                : {}),
        }).resource;
    }
}
exports.BackupEdgeConfig = BackupEdgeConfig;
