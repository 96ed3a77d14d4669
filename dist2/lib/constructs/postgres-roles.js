"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PostgresRoles = void 0;
const postgres_side_scripts_1 = require("../scripts/postgres-side-scripts");
const cdktf_1 = require("../platform/cdktf");
const host_provisioner_1 = require("./host-provisioner");
/** Barman's database roles on a primary; a password change re-runs it and updates them. */
class PostgresRoles extends cdktf_1.Construct {
    resource;
    constructor(scope, id, props) {
        super(scope, id);
        this.resource = new host_provisioner_1.HostProvisioner(this, 'provisioner', {
            resourceType: props.resourceType,
            logicalId: props.logicalId,
            host: props.primary,
            connection: props.connection,
            files: [],
            // visible checks first: Terraform hides the whole output of the secret step
            script: (0, postgres_side_scripts_1.postgresRolesCheckScript)(props.primary),
            secretSteps: [{ script: (0, postgres_side_scripts_1.postgresRolesScript)(props.primary), secretsBase64: props.passwords.base64 }],
            extraTriggers: { passwords_sha256: props.passwords.hash },
        }).resource;
    }
}
exports.PostgresRoles = PostgresRoles;
