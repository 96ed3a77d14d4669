"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BarmanServerConfig = void 0;
const enums_1 = require("../model/enums");
const host_files_1 = require("../render/host-files");
const concern_scripts_1 = require("../scripts/concern-scripts");
const cdktf_1 = require("../platform/cdktf");
const host_provisioner_1 = require("./host-provisioner");
/**
 * A Barman server's base configuration: /etc/barman.conf, the guard script, /etc/cron.d/barman,
 * barman_home, the log file and its rotation, the barman user's keys, authorized_keys and
 * known_hosts; and the removal of per-instance files the graph no longer has.
 */
class BarmanServerConfig extends cdktf_1.Construct {
    resource;
    constructor(scope, id, props) {
        super(scope, id);
        const files = props.files.filter((f) => f.concern === host_files_1.Concern.BARMAN_SERVER);
        const key = files.find((f) => f.kind === host_files_1.FileKind.PRIVATE_KEY);
        this.resource = new host_provisioner_1.HostProvisioner(this, 'provisioner', {
            resourceType: props.resourceType,
            logicalId: props.logicalId,
            host: props.server,
            connection: props.connection,
            files,
            script: (0, concern_scripts_1.barmanServerScript)(props.graph, props.server, files),
            privateKeys: [{ file: key, base64: props.keys.privateKeyBase64(enums_1.SshUser.BARMAN, props.server) }],
        }).resource;
    }
}
exports.BarmanServerConfig = BarmanServerConfig;
