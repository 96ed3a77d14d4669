import { BackupEdge } from '../model/graph';
import { HostFile } from '../render/host-files';
import { Construct, ITerraformDependable, TerraformResource } from '../platform/cdktf';
import { ProvisionerPlacement } from './host-provisioner';
export interface BarmanActivationProps extends ProvisionerPlacement {
    readonly edge: BackupEdge;
    /** the edge's rendered Barman section: a change to it re-runs the activation */
    readonly serverConf: HostFile;
    /** what must exist first: the edge's files, roles, pg_hba.conf, keys */
    readonly dependsOn: ITerraformDependable[];
}
/**
 * Turns one instance on on one Barman server: slot, receive-wal, a first archived segment, an
 * optional first backup, and `barman check`, whose real failures fail the apply. Re-runs when the
 * instance's Barman configuration changes.
 */
export declare class BarmanActivation extends Construct {
    readonly resource: TerraformResource;
    constructor(scope: Construct, id: string, props: BarmanActivationProps);
}
