import { HOST_PROLOGUE } from '../scripts/host-program';
import { ExecTarget, TriggerArg } from '../scripts/remote-command';
import { Construct, Fn, TerraformLocal, TerraformStack, Token, propertyAccess, ref } from '../platform/cdktf';
import { escapeTerraform } from './terraform-escape';

/** the Terraform local holding the host program, one per stack: `local.cdktf_barman_shell` */
export const HOST_PROGRAM_LOCAL = 'cdktf_barman_shell';

/** the stack's local holding the host program, made by the first resource that needs it */
function hostProgramLocal(scope: Construct): TerraformLocal {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(HOST_PROGRAM_LOCAL);
  if (existing instanceof TerraformLocal) return existing;
  const local = new TerraformLocal(stack, HOST_PROGRAM_LOCAL, escapeTerraform(HOST_PROLOGUE));
  local.overrideLogicalId(HOST_PROGRAM_LOCAL);
  return local;
}

/**
 * Where a resource's inline lines find the host program (the stack's local) and the values its
 * step reads from the resource's own triggers: `base64encode(self.<attribute>["<key>"])`.
 */
export function hostProgramTarget(scope: Construct, triggersAttribute: 'triggers' | 'triggers_replace'): ExecTarget {
  const prologue = hostProgramLocal(scope).asString;
  const self = ref(`self.${triggersAttribute}`);
  return {
    prologue,
    triggerBase64: (a: TriggerArg) => Fn.base64encode(Token.asString(propertyAccess(self, [a.trigger]))),
  };
}
