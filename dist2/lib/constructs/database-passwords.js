"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DatabasePasswords = void 0;
const cdktf_1 = require("../platform/cdktf");
const terraform_data_1 = require("./terraform-data");
/**
 * Passwords of Barman's database roles, cluster-wide as in TPA. Generated without any provider:
 * a built-in `terraform_data` keeps a random UUID (122 random bits) from its creation on, in
 * `triggers_replace`, marked sensitive: plans, `terraform show`, `state show` and `console` print
 * "(sensitive value)". (Its `input` would not do: Terraform copies it to `output` unmarked.) Like
 * every secret Terraform holds, it is in the state file itself.
 */
class DatabasePasswords extends cdktf_1.Construct {
    barman;
    streamingBarman;
    constructor(scope, id, props = {}) {
        super(scope, id);
        const prefix = props.idPrefix ?? 'barman';
        if (props.supplied) {
            this.barman = props.supplied.barman;
            this.streamingBarman = props.supplied.streamingBarman;
            return;
        }
        const generate = (name) => {
            const r = new terraform_data_1.TerraformData(this, name, { secret: cdktf_1.Fn.sensitive(cdktf_1.Fn.uuid()), lifecycle: { ignoreChanges: ['triggers_replace'] } });
            // a new id, not the one that kept the password in input/output: on an older state the
            // ignored triggers_replace would stay null, so the upgrade creates fresh passwords instead
            r.overrideLogicalId(`${prefix}_db_secret_${name}`);
            return cdktf_1.Fn.sensitive(r.secretValue);
        };
        this.barman = generate('barman');
        this.streamingBarman = generate('streaming_barman');
    }
    encoded;
    digest;
    /** both passwords as base64, in the order the host scripts read them (one token, reused) */
    get base64() {
        this.encoded ??= [cdktf_1.Fn.base64encode(this.barman), cdktf_1.Fn.base64encode(this.streamingBarman)];
        return this.encoded;
    }
    /** changes when a password changes, shown as "(sensitive value)" in plans */
    get hash() {
        this.digest ??= cdktf_1.Fn.sha256(`${this.barman}\n${this.streamingBarman}`);
        return this.digest;
    }
}
exports.DatabasePasswords = DatabasePasswords;
