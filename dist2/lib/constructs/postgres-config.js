"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PostgresConfig = void 0;
const host_files_1 = require("../render/host-files");
const postgres_side_scripts_1 = require("../scripts/postgres-side-scripts");
const cdktf_1 = require("../platform/cdktf");
const host_provisioner_1 = require("./host-provisioner");
/** A Postgres instance's pg_hba.conf block for every Barman server, and its WAL commands. */
class PostgresConfig extends cdktf_1.Construct {
    resource;
    constructor(scope, id, props) {
        super(scope, id);
        const files = props.files.filter((f) => f.concern === host_files_1.Concern.POSTGRES_CONFIG);
        this.resource = new host_provisioner_1.HostProvisioner(this, 'provisioner', {
            resourceType: props.resourceType,
            logicalId: props.logicalId,
            host: props.instance,
            connection: props.connection,
            files,
            script: (0, postgres_side_scripts_1.postgresConfigScript)(props.graph, props.instance, files[0]),
        }).resource;
    }
}
exports.PostgresConfig = PostgresConfig;
