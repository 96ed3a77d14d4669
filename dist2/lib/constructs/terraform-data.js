"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TerraformData = void 0;
const cdktf_1 = require("../platform/cdktf");
/**
 * Terraform's built-in `terraform_data`. cdktf's own DataResource runs `terraform version` once per
 * resource during synthesis (and fails without a terraform binary); this one only writes JSON.
 * Its provider is the built-in `terraform`, so no provider block is needed.
 */
class TerraformData extends cdktf_1.TerraformResource {
    triggers;
    input;
    secret;
    constructor(scope, id, props) {
        super(scope, id, {
            terraformResourceType: 'terraform_data',
            terraformGeneratorMetadata: { providerName: 'terraform' },
            dependsOn: props.dependsOn,
            lifecycle: props.lifecycle,
            provisioners: props.provisioners,
            connection: props.connection,
        });
        this.triggers = props.triggersReplace;
        this.input = props.input;
        this.secret = props.secret;
        if (props.secret !== undefined && props.triggersReplace !== undefined)
            throw new Error('terraform_data: secret and triggersReplace share the triggers_replace attribute: give one');
    }
    /** what `input` held when the resource was created (with ignore_changes on input: stable) */
    get output() {
        return this.getStringAttribute('output');
    }
    /** the secret as stored (marked sensitive in state, since it was marked in the configuration) */
    get secretValue() {
        return this.getStringAttribute('triggers_replace');
    }
    synthesizeAttributes() {
        return { triggers_replace: this.secret ?? this.triggers, input: this.input };
    }
    synthesizeHclAttributes() {
        return {
            triggers_replace: this.secret !== undefined
                ? { value: this.secret, isBlock: false, type: 'simple', storageClassType: 'string' }
                : { value: this.triggers, isBlock: false, type: 'map', storageClassType: 'stringMap' },
            input: { value: this.input, isBlock: false, type: 'simple', storageClassType: 'string' },
        };
    }
}
exports.TerraformData = TerraformData;
