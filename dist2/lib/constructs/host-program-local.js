"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HOST_PROGRAM_LOCAL = void 0;
exports.hostProgramTarget = hostProgramTarget;
const host_program_1 = require("../scripts/host-program");
const cdktf_1 = require("../platform/cdktf");
const terraform_escape_1 = require("./terraform-escape");
/** the Terraform local holding the host program, one per stack: `local.cdktf_barman_shell` */
exports.HOST_PROGRAM_LOCAL = 'cdktf_barman_shell';
/** the stack's local holding the host program, made by the first resource that needs it */
function hostProgramLocal(scope) {
    const stack = cdktf_1.TerraformStack.of(scope);
    const existing = stack.node.tryFindChild(exports.HOST_PROGRAM_LOCAL);
    if (existing instanceof cdktf_1.TerraformLocal)
        return existing;
    const local = new cdktf_1.TerraformLocal(stack, exports.HOST_PROGRAM_LOCAL, (0, terraform_escape_1.escapeTerraform)(host_program_1.HOST_PROLOGUE));
    local.overrideLogicalId(exports.HOST_PROGRAM_LOCAL);
    return local;
}
/** Terraform's order of map keys and object attributes: lexicographic by bytes */
const byBytes = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
/**
 * Where a resource's inline lines find the host program (the stack's local) and the values its
 * step reads from the resource's own triggers: `base64encode(element(values(self.<attribute>), i))`, by
 * position, so that no key (a path from config.yml) is ever written inside an expression.
 */
function hostProgramTarget(scope, triggersAttribute, triggerKeys) {
    hostProgramLocal(scope);
    const order = [...triggerKeys].sort(byBytes);
    // plain Terraform text rather than cdktf tokens (each token costs cdktf a stack trace): the
    // library writes these few fixed shapes itself, with nothing from config.yml inside
    return {
        prologue: `\${local.${exports.HOST_PROGRAM_LOCAL}}`,
        triggerBase64: (a) => {
            const i = order.indexOf(a.trigger);
            if (i < 0)
                throw new Error(`a step reads trigger ${a.trigger}, which the resource does not have`);
            return `\${base64encode(element(values(self.${triggersAttribute}), ${i}))}`;
        },
        literal: terraform_escape_1.escapeTerraform,
    };
}
