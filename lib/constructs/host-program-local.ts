import { HOST_PROLOGUE } from '../scripts/host-program';
import { ExecTarget, TriggerArg } from '../scripts/remote-command';
import { Construct, TerraformLocal, TerraformStack } from '../platform/cdktf';
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
 * step reads from the resource's own triggers: `base64encode(element(values(self.<attribute>), i))`, by
 * position, so that no key (a path from config.yml) is ever written inside an expression.
 */
export function hostProgramTarget(scope: Construct, triggersAttribute: 'triggers' | 'triggers_replace', triggerKeys: readonly string[]): ExecTarget {
  hostProgramLocal(scope);
  const order = [...triggerKeys].sort(byBytes);
  // plain Terraform text rather than cdktf tokens (each token costs cdktf a stack trace): the
  // library writes these few fixed shapes itself, with nothing from config.yml inside
  return {
    prologue: `\${local.${HOST_PROGRAM_LOCAL}}`,
    triggerBase64: (a: TriggerArg) => {
      const i = order.indexOf(a.trigger);
      if (i < 0) throw new Error(`a step reads trigger ${a.trigger}, which the resource does not have`);
      return `\${base64encode(element(values(self.${triggersAttribute}), ${i}))}`;
    },
    literal: escapeTerraform,
  };
}
