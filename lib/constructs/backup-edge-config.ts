import { BackupEdge } from '../model/graph';
import { Concern, FileKind, HostFile } from '../render/host-files';
import { serverConfPath } from '../render/server-conf';
import { pgpassScript } from '../scripts/postgres-side-scripts';
import { DatabasePasswords } from './database-passwords';
import { backupEdgeScript } from '../scripts/concern-scripts';
import { Construct, ITerraformDependable, TerraformResource } from '../platform/cdktf';
import { HostProvisioner, ProvisionerPlacement } from './host-provisioner';

export interface BackupEdgeConfigProps extends ProvisionerPlacement {
  readonly edge: BackupEdge;
  /** the Barman server's files, as renderHosts gives them; this takes the edge's own */
  readonly files: readonly HostFile[];
  /** the Barman server's base configuration, which must exist first */
  readonly serverConfig: ITerraformDependable;
  /** write the instance's lines of ~barman/.pgpass with these @default - no .pgpass lines */
  readonly passwords?: DatabasePasswords;
}

/** One backed-up instance on one Barman server: /etc/barman.d/<backup_name>.conf and its cron file. */
export class BackupEdgeConfig extends Construct {
  public readonly resource: TerraformResource;
  /** /etc/barman.d/<backup_name>.conf as rendered, for what depends on its content */
  public readonly serverConf: HostFile;

  constructor(scope: Construct, id: string, props: BackupEdgeConfigProps) {
    super(scope, id);
    const all = props.files.filter((f) => f.concern === Concern.BACKUP_EDGE && f.edge === props.edge);
    const pgpass = all.find((f) => f.kind === FileKind.PASSWORD_BLOCK);
    this.serverConf = all.find((f) => f.path === serverConfPath(props.edge))!;
    const files = props.passwords ? all : all.filter((f) => f !== pgpass);
    this.resource = new HostProvisioner(this, 'provisioner', {
      resourceType: props.resourceType,
      logicalId: props.logicalId,
      host: props.edge.server,
      connection: props.connection,
      files,
      script: backupEdgeScript(props.edge, files),
      dependsOn: [props.serverConfig],
      ...(props.passwords && pgpass
        ? {
            secretSteps: [{ script: pgpassScript(props.edge, pgpass), secretsBase64: props.passwords.base64 }],
            extraTriggers: { passwords_sha256: props.passwords.hash },
          }
        : {}),
    }).resource;
  }
}
