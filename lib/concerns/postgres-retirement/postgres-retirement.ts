import { BarmanGraph, Instance } from '../../model/graph';
import { Construct, TerraformResource } from '../../platform/cdktf';
import { HostProvisioner, ProvisionerPlacement } from '../../constructs/host-provisioner';
import { postgresRetirementScript } from './postgres-retirement-step';

export interface PostgresRetirementProps extends ProvisionerPlacement {
  readonly graph: BarmanGraph;
  /** an instance of graph.retiredInstances */
  readonly instance: Instance;
  /** the Barman servers' resources: they retire its backups (and drop its slots) first */
  readonly after: TerraformResource[];
  /** the library made Barman's roles, so it may drop them */
  readonly manageDatabaseAccess: boolean;
}

/**
 * A Postgres instance leaving Barman (barman_retired): once its Barman servers have retired its
 * backups, its host loses what the library put there. Delete the instance from the graph after
 * the apply that ran it (its resource goes then, and runs nothing).
 */
export class PostgresRetirement extends Construct {
  public readonly resource: TerraformResource;

  constructor(scope: Construct, id: string, props: PostgresRetirementProps) {
    super(scope, id);
    this.resource = new HostProvisioner(this, 'provisioner', {
      resourceType: props.resourceType,
      logicalId: props.logicalId,
      host: props.instance,
      connection: props.connection,
      files: [],
      script: postgresRetirementScript(props.graph, props.instance, props.manageDatabaseAccess),
      dependsOn: props.after,
    }).resource;
  }
}
