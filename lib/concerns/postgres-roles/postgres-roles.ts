import { Instance } from '../../model/graph';
import { Construct, TerraformResource } from '../../platform/cdktf';
import { DatabasePasswords } from '../../constructs/database-passwords';
import { HostProvisioner, ProvisionerPlacement } from '../../constructs/host-provisioner';
import { postgresRolesCheckScript, postgresRolesScript } from './postgres-roles-step';

export interface PostgresRolesProps extends ProvisionerPlacement {
  /** a primary (not a replica: roles replicate) */
  readonly primary: Instance;
  readonly passwords: DatabasePasswords;
}

/** Barman's database roles on a primary; a password change re-runs it and updates them. */
export class PostgresRoles extends Construct {
  public readonly resource: TerraformResource;

  constructor(scope: Construct, id: string, props: PostgresRolesProps) {
    super(scope, id);
    this.resource = new HostProvisioner(this, 'provisioner', {
      resourceType: props.resourceType,
      logicalId: props.logicalId,
      host: props.primary,
      connection: props.connection,
      files: [],
      // visible checks first: Terraform hides the whole output of the secret step
      script: postgresRolesCheckScript(props.primary),
      secretSteps: [{ script: postgresRolesScript(props.primary), secretsBase64: props.passwords.base64 }],
      extraTriggers: { passwords_sha256: props.passwords.hash },
    }).resource;
  }
}
