"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BarmanActivation = void 0;
const postgres_side_scripts_1 = require("../scripts/postgres-side-scripts");
const cdktf_1 = require("../platform/cdktf");
const host_provisioner_1 = require("./host-provisioner");
const terraform_escape_1 = require("./terraform-escape");
/**
 * Turns one instance on on one Barman server: slot, receive-wal, a first archived segment, an
 * optional first backup, and `barman check`, whose real failures fail the apply. Re-runs when the
 * instance's Barman configuration changes.
 */
class BarmanActivation extends cdktf_1.Construct {
    resource;
    constructor(scope, id, props) {
        super(scope, id);
        const e = props.edge;
        this.resource = new host_provisioner_1.HostProvisioner(this, 'provisioner', {
            resourceType: props.resourceType,
            logicalId: props.logicalId,
            host: e.server,
            connection: props.connection,
            files: [],
            script: (0, postgres_side_scripts_1.activationScript)(e),
            extraTriggers: { [props.serverConf.path]: (0, terraform_escape_1.escapeTerraform)(props.serverConf.content), first_backup: String(e.instance.settings.firstBackup) },
            dependsOn: props.dependsOn,
        }).resource;
    }
}
exports.BarmanActivation = BarmanActivation;
