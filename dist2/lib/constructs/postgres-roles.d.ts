import { Instance } from '../model/graph';
import { Construct, TerraformResource } from '../platform/cdktf';
import { DatabasePasswords } from './database-passwords';
import { ProvisionerPlacement } from './host-provisioner';
export interface PostgresRolesProps extends ProvisionerPlacement {
    /** a primary (not a replica: roles replicate) */
    readonly primary: Instance;
    readonly passwords: DatabasePasswords;
}
/** Barman's database roles on a primary; a password change re-runs it and updates them. */
export declare class PostgresRoles extends Construct {
    readonly resource: TerraformResource;
    constructor(scope: Construct, id: string, props: PostgresRolesProps);
}
