"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PostgresAccess = void 0;
const enums_1 = require("../model/enums");
const host_files_1 = require("../render/host-files");
const concern_scripts_1 = require("../scripts/concern-scripts");
const cdktf_1 = require("../platform/cdktf");
const host_provisioner_1 = require("./host-provisioner");
/** A Postgres instance's side: the postgres user's keys, Barman's key authorized, Barman hosts known. */
class PostgresAccess extends cdktf_1.Construct {
    resource;
    constructor(scope, id, props) {
        super(scope, id);
        const files = props.files.filter((f) => f.concern === host_files_1.Concern.POSTGRES_ACCESS);
        const key = files.find((f) => f.kind === host_files_1.FileKind.PRIVATE_KEY);
        this.resource = new host_provisioner_1.HostProvisioner(this, 'provisioner', {
            resourceType: props.resourceType,
            logicalId: props.logicalId,
            host: props.instance,
            connection: props.connection,
            files,
            script: (0, concern_scripts_1.postgresAccessScript)(props.graph, props.instance, files),
            privateKeys: [{ file: key, base64: props.keys.privateKeyBase64(enums_1.SshUser.POSTGRES, props.instance) }],
        }).resource;
    }
}
exports.PostgresAccess = PostgresAccess;
