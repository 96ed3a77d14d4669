import { Construct, Fn } from '../platform/cdktf';
import { TerraformData } from './terraform-data';

/** The two database passwords, brought by the user (sensitive variables or secret references). */
export interface SuppliedDatabasePasswords {
  /** password of the `barman` database role */
  readonly barman: string;
  /** password of the `streaming_barman` database role */
  readonly streamingBarman: string;
}

export interface DatabasePasswordsProps {
  /** prefix of logical ids @default barman */
  readonly idPrefix?: string;
  /** @default - generated once and kept in state */
  readonly supplied?: SuppliedDatabasePasswords;
}

/**
 * Passwords of Barman's database roles, cluster-wide as in TPA. Generated without any provider:
 * a built-in `terraform_data` keeps a random UUID (122 random bits) from its creation on, in
 * `triggers_replace`, marked sensitive: plans, `terraform show`, `state show` and `console` print
 * "(sensitive value)". (Its `input` would not do: Terraform copies it to `output` unmarked.) Like
 * every secret Terraform holds, it is in the state file itself.
 */
export class DatabasePasswords extends Construct {
  public readonly barman: string;
  public readonly streamingBarman: string;

  constructor(scope: Construct, id: string, props: DatabasePasswordsProps = {}) {
    super(scope, id);
    const prefix = props.idPrefix ?? 'barman';
    if (props.supplied) {
      this.barman = props.supplied.barman;
      this.streamingBarman = props.supplied.streamingBarman;
      return;
    }
    const generate = (name: string): string => {
      const r = new TerraformData(this, name, { secret: Fn.sensitive(Fn.uuid()), lifecycle: { ignoreChanges: ['triggers_replace'] } });
      // a new id, not the one that kept the password in input/output: on an older state the
      // ignored triggers_replace would stay null, so the upgrade creates fresh passwords instead
      r.overrideLogicalId(`${prefix}_db_secret_${name}`);
      return Fn.sensitive(r.secretValue);
    };
    this.barman = generate('barman');
    this.streamingBarman = generate('streaming_barman');
  }

  private encoded?: string[];
  private digest?: string;

  /** both passwords as base64, in the order the host scripts read them (one token, reused) */
  get base64(): string[] {
    this.encoded ??= [Fn.base64encode(this.barman), Fn.base64encode(this.streamingBarman)];
    return this.encoded;
  }

  /** changes when a password changes, shown as "(sensitive value)" in plans */
  get hash(): string {
    this.digest ??= Fn.sha256(`${this.barman}\n${this.streamingBarman}`);
    return this.digest;
  }
}
