// The same kind of stack from the typed API, no YAML: two databases backed up to one Barman
// server, one of them with its own retention and schedule, and Terraform's built-in
// terraform_data instead of null_resource.
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  BackupMethod,
  BarmanCluster,
  Period,
  ProvisionerResourceType,
  RetentionPolicy,
  Role,
  graphFromProps,
} from '../lib';

class BackupsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const graph = graphFromProps({
      clusterName: 'shop',
      instances: [
        { name: 'db-1', roles: [Role.PRIMARY], address: '10.0.0.11', backup: ['backup-1'] },
        {
          name: 'db-2',
          roles: [Role.PRIMARY],
          address: '10.0.0.12',
          backup: ['backup-1'],
          settings: {
            backupMethod: BackupMethod.POSTGRES,
            retentionPolicy: RetentionPolicy.recoveryWindow(14, Period.DAYS),
            backupInterval: '30 2 * * *',
          },
        },
        { name: 'backup-1', roles: [Role.BARMAN], address: '10.0.0.20' },
      ],
    });
    new BarmanCluster(this, 'barman', { graph, resourceType: ProvisionerResourceType.TERRAFORM_DATA });
  }
}

const app = new App();
new BackupsStack(app, 'barman-typed');
app.synth();
