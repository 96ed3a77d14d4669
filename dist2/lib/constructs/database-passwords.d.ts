import { Construct } from '../platform/cdktf';
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
export declare class DatabasePasswords extends Construct {
    readonly barman: string;
    readonly streamingBarman: string;
    constructor(scope: Construct, id: string, props?: DatabasePasswordsProps);
    private encoded?;
    private digest?;
    /** both passwords as base64, in the order the host scripts read them (one token, reused) */
    get base64(): string[];
    /** changes when a password changes, shown as "(sensitive value)" in plans */
    get hash(): string;
}
