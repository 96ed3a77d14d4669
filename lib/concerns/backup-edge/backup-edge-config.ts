import { BackupEdge } from '../../model/graph';
import { FileKind, HostFile } from '../../render/host-files';
import { Construct, ITerraformDependable, TerraformResource } from '../../platform/cdktf';
import { DatabasePasswords } from '../../constructs/database-passwords';
import { HostProvisioner, ProvisionerPlacement } from '../../constructs/host-provisioner';
import { backupEdgeFileList, backupEdgeFiles } from './backup-edge-files';
import { backupEdgeScript, pgpassScript } from './backup-edge-step';

export interface BackupEdgeConfigProps extends ProvisionerPlacement {
  readonly edge: BackupEdge;
  /** the cluster's name, which marks the edge's block of ~barman/.pgpass */
  readonly clusterName: string;
  /** the Barman server's base configuration, which must exist first */
  readonly serverConfig: ITerraformDependable;
  /** write the instance's lines of ~barman/.pgpass with these @default - no .pgpass lines */
  readonly passwords?: DatabasePasswords;
}

/** One backed-up instance on one Barman server: /etc/barman.d/<backup_name>.conf and its cron file. */
export class BackupEdgeConfig extends Construct {
  public readonly resource: TerraformResource;
  /** /etc/barman.d/<backup_name>.conf as rendered, for what depends on its content */
  public readonly serverConf: Extract<HostFile, { readonly kind: FileKind.FILE }>;
  /** the edge's files as rendered, its .pgpass block included (written only with passwords) */
  public readonly files: readonly HostFile[];

  constructor(scope: Construct, id: string, props: BackupEdgeConfigProps) {
    super(scope, id);
    const rendered = backupEdgeFiles(props.clusterName, props.edge);
    this.serverConf = rendered.serverConf;
    this.files = backupEdgeFileList(rendered);
    const passwords = props.passwords;
    const files = passwords ? this.files : [rendered.serverConf, rendered.cron];
    this.resource = new HostProvisioner(this, 'provisioner', {
      resourceType: props.resourceType,
      logicalId: props.logicalId,
      host: props.edge.server,
      connection: props.connection,
      files,
      script: backupEdgeScript(props.edge, files),
      dependsOn: [props.serverConfig],
      ...(passwords
        ? {
            secretSteps: [{ script: pgpassScript(props.edge, rendered.pgpass), secretsBase64: passwords.base64 }],
            extraTriggers: { passwords_sha256: passwords.hash },
          }
        : {}),
    }).resource;
  }
}
