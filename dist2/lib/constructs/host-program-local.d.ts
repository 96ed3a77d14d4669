import { ExecTarget } from '../scripts/remote-command';
import { Construct } from '../platform/cdktf';
/** the Terraform local holding the host program, one per stack: `local.cdktf_barman_shell` */
export declare const HOST_PROGRAM_LOCAL = "cdktf_barman_shell";
/**
 * Where a resource's inline lines find the host program (the stack's local) and the values its
 * step reads from the resource's own triggers: `base64encode(element(values(self.<attribute>), i))`, by
 * position, so that no key (a path from config.yml) is ever written inside an expression.
 */
export declare function hostProgramTarget(scope: Construct, triggersAttribute: 'triggers' | 'triggers_replace', triggerKeys: readonly string[]): ExecTarget;
