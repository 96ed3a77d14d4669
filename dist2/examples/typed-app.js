"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// The same kind of stack from the typed API, no YAML: two databases backed up to one Barman
// server, one of them with its own retention and schedule, and Terraform's built-in
// terraform_data instead of null_resource.
const cdktf_1 = require("cdktf");
const lib_1 = require("../lib");
class BackupsStack extends cdktf_1.TerraformStack {
    constructor(scope, id) {
        super(scope, id);
        const graph = (0, lib_1.graphFromProps)({
            clusterName: 'shop',
            instances: [
                { name: 'db-1', roles: [lib_1.Role.PRIMARY], address: '10.0.0.11', backup: ['backup-1'] },
                {
                    name: 'db-2',
                    roles: [lib_1.Role.PRIMARY],
                    address: '10.0.0.12',
                    backup: ['backup-1'],
                    settings: {
                        backupMethod: lib_1.BackupMethod.POSTGRES,
                        retentionPolicy: lib_1.RetentionPolicy.recoveryWindow(14, lib_1.Period.DAYS),
                        backupInterval: '30 2 * * *',
                    },
                },
                { name: 'backup-1', roles: [lib_1.Role.BARMAN], address: '10.0.0.20' },
            ],
        });
        new lib_1.BarmanCluster(this, 'barman', { graph, resourceType: lib_1.ProvisionerResourceType.TERRAFORM_DATA });
    }
}
const app = new cdktf_1.App();
new BackupsStack(app, 'barman-typed');
app.synth();
