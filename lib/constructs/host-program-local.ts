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

/** Terraform's order of map keys and object attributes: lexicographic by bytes */
const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/**
 * Where a resource's inline lines find the host program (the stack's local) and the values its
 * step reads from the resource's own triggers: `base64encode(values(self.<attribute>)[i])`, by
 * position, so that no key (a path from config.yml) is ever written inside an expression.
 */
export function hostProgramTarget(scope: Construct, triggersAttribute: 'triggers' | 'triggers_replace', triggerKeys: readonly string[]): ExecTarget {
  const prologue = hostProgramLocal(scope).asString;
  const order = [...triggerKeys].sort(byBytes);
  const values = Fn.values(ref(`self.${triggersAttribute}`));
  return {
    prologue,
    triggerBase64: (a: TriggerArg) => {
      const i = order.indexOf(a.trigger);
      if (i < 0) throw new Error(`a step reads trigger ${a.trigger}, which the resource does not have`);
      return Fn.base64encode(Token.asString(propertyAccess(values, [i])));
    },
  };
}
