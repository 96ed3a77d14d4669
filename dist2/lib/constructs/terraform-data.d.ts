import { Construct, TerraformMetaArguments, TerraformResource } from '../platform/cdktf';
export interface TerraformDataProps extends TerraformMetaArguments {
    /** any change replaces the resource, re-running its provisioners @default - none */
    readonly triggersReplace?: {
        [key: string]: string;
    };
    /** a value kept in state and returned as `output` @default - none */
    readonly input?: string;
    /**
     * a secret kept only as `triggers_replace` (pass it through `Fn.sensitive`). Unlike `input`, it
     * has no `output` copy, which Terraform stores unmarked (printed by `terraform show`); pair it
     * with `ignoreChanges: ['triggers_replace']` to keep it from creation on
     * @default - none
     */
    readonly secret?: string;
}
/**
 * Terraform's built-in `terraform_data`. cdktf's own DataResource runs `terraform version` once per
 * resource during synthesis (and fails without a terraform binary); this one only writes JSON.
 * Its provider is the built-in `terraform`, so no provider block is needed.
 */
export declare class TerraformData extends TerraformResource {
    private readonly triggers?;
    private readonly input?;
    private readonly secret?;
    constructor(scope: Construct, id: string, props: TerraformDataProps);
    /** what `input` held when the resource was created (with ignore_changes on input: stable) */
    get output(): string;
    /** the secret as stored (marked sensitive in state, since it was marked in the configuration) */
    get secretValue(): string;
    protected synthesizeAttributes(): {
        [name: string]: unknown;
    };
    protected synthesizeHclAttributes(): {
        [name: string]: unknown;
    };
}
