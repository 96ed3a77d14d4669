import { Construct, TerraformMetaArguments, TerraformResource } from '../platform/cdktf';

export interface TerraformDataProps extends TerraformMetaArguments {
  /** any change replaces the resource, re-running its provisioners @default - none */
  readonly triggersReplace?: { [key: string]: string };
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
export class TerraformData extends TerraformResource {
  private readonly triggers?: { [key: string]: string };
  private readonly input?: string;
  private readonly secret?: string;

  constructor(scope: Construct, id: string, props: TerraformDataProps) {
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
    if (props.secret !== undefined && props.triggersReplace !== undefined) throw new Error('terraform_data: secret and triggersReplace share the triggers_replace attribute: give one');
  }

  /** what `input` held when the resource was created (with ignore_changes on input: stable) */
  get output(): string {
    return this.getStringAttribute('output');
  }

  /** the secret as stored (marked sensitive in state, since it was marked in the configuration) */
  get secretValue(): string {
    return this.getStringAttribute('triggers_replace');
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return { triggers_replace: this.secret ?? this.triggers, input: this.input };
  }

  protected synthesizeHclAttributes(): { [name: string]: unknown } {
    return {
      triggers_replace: this.secret !== undefined
        ? { value: this.secret, isBlock: false, type: 'simple', storageClassType: 'string' }
        : { value: this.triggers, isBlock: false, type: 'map', storageClassType: 'stringMap' },
      input: { value: this.input, isBlock: false, type: 'simple', storageClassType: 'string' },
    };
  }
}
