import { TerraformStack } from '../../lib/platform/cdktf';
import { BarmanClusterProps } from '../../lib/constructs/barman-cluster';
import { BarmanStackProps } from '../../lib/constructs/barman-stack';
import { BarmanGraph } from '../../lib/model/graph';
import { BarmanSettings } from '../../lib/model/settings';
import { repoRoot } from '../support/paths';
/** The parts of Terraform JSON the tests read. */
export interface TfJson {
    readonly '//'?: unknown;
    readonly locals?: Record<string, string>;
    readonly terraform?: {
        readonly backend?: unknown;
        readonly required_providers?: Record<string, {
            readonly source?: string;
            readonly version?: string;
        }>;
    };
    readonly provider?: Record<string, unknown[]>;
    readonly resource?: Record<string, Record<string, TfResource>>;
    readonly variable?: Record<string, {
        readonly sensitive?: boolean;
        readonly type?: string;
        readonly description?: string;
    }>;
    readonly output?: Record<string, {
        readonly value: unknown;
        readonly sensitive?: boolean;
    }>;
}
export interface RemoteExec {
    readonly 'remote-exec': {
        readonly inline: string[];
    };
}
export interface TfResource {
    readonly triggers?: Record<string, string>;
    readonly triggers_replace?: Record<string, string>;
    readonly connection?: Record<string, unknown>;
    readonly depends_on?: string[];
    readonly provisioner?: RemoteExec[];
    readonly [key: string]: unknown;
}
export declare const PROVISIONER_TYPES: readonly ["null_resource", "terraform_data"];
export { repoRoot };
export declare const SEED_CONFIG: () => string;
/** test/fixtures/topologies/<name>/config.yml (written by another stream; may grow) and test/fixtures/synth/<name>/config.yml (ours). */
export declare function fixtureConfigs(): {
    name: string;
    file: string;
}[];
export declare function synthConfig(name: string): string;
/** A fresh stack of a fresh test app; `build` adds constructs; returns the parsed Testing.synth JSON. */
export declare function synthStack(build: (stack: TerraformStack) => void, runValidations?: boolean): TfJson;
/** One BarmanCluster (construct id `barman`) alone in a stack. */
export declare function synthCluster(props: BarmanClusterProps, runValidations?: boolean): TfJson;
/** A BarmanStack (the CLI's stack) through Testing.synth. */
export declare function synthBarmanStack(props: BarmanStackProps, runValidations?: boolean): TfJson;
/** Every resource as `type.id` -> body. */
export declare function resourcesOf(json: TfJson): Map<string, TfResource>;
/** the two database password resources' names (`<prefix>_db_secret_<name>`) */
export declare const PASSWORD_NAMES: readonly ["barman", "streaming_barman"];
export declare const passwordIds: (prefix?: string) => string[];
/** a database password resource's logical id (any prefix) */
export declare const isPasswordId: (id: string) => boolean;
/** What a generated password resource must be, exactly: no triggers, no provisioners, no connection. */
export declare const PASSWORD_RESOURCE_BODY: {
    triggers_replace: string;
    lifecycle: {
        ignore_changes: string[];
    };
};
/**
 * The provisioner resources (null_resource or terraform_data) as logical id -> body. The generated
 * database passwords (terraform_data without provisioners) are not: see passwordResources.
 */
export declare function provisionerResources(json: TfJson): Map<string, TfResource>;
/** The generated database password resources (terraform_data) as logical id -> body. */
export declare function passwordResources(json: TfJson): Map<string, TfResource>;
/** A name as the logical ids write it (instance names are [a-z0-9.-]; '.' becomes '_'). */
export declare const idOf: (name: string) => string;
export interface ExpectedIdOptions {
    readonly prefix?: string;
    /** @default true */
    readonly manage?: boolean;
    /** @default manage */
    readonly activate?: boolean;
}
/**
 * The provisioner resources a graph should give, derived from the graph alone: a server resource
 * per Barman server, a backup resource per edge, an access resource per Postgres instance; with
 * database access managed (and some Barman server), a config resource per Postgres instance and a
 * roles resource per Postgres instance that is not a replica; with activation, one per edge.
 */
export declare function expectedProvisionerIds(graph: BarmanGraph, o?: ExpectedIdOptions): string[];
/** the Terraform local carrying the prologue and the host program, once per stack */
export declare const PROLOGUE_LOCAL = "cdktf_barman_shell";
/** the first line of every remote-exec inline: the prologue, by reference */
export declare const PROLOGUE_REF = "${local.cdktf_barman_shell}";
/** a step line that hands secrets to its step (as files): Terraform hides its output */
export declare const SECRET_STEP_MARK: RegExp;
/** a step line that hands the two database passwords over (the private key steps hand one secret) */
export declare const PASSWORD_STEP_MARK: RegExp;
export declare function resource(json: TfJson, type: string, id: string): TfResource;
/** triggers (null_resource) or triggers_replace (terraform_data). */
export declare function triggersOf(r: TfResource): Record<string, string>;
export declare function inlinesOf(r: TfResource): string[][];
/**
 * The step of a remote-exec inline, which must be exactly three lines: the prologue's reference,
 * the step appended to the host program (`cdktf_step <<'cdktf_step_end'`, one line `STEP 'arg'...
 * "$@"`, `cdktf_step_end`), then `cdktf_run` or `cdktf_run_secret N 'SECRET'...`. Returned as one
 * line, `cdktf_run STEP 'arg'...` or `cdktf_run_secret N 'SECRET'... STEP 'arg'...`, for
 * parseStepLine and the marks.
 */
export declare function stepLine(inline: readonly string[]): string;
/** stepLine's one line, or undefined when the inline does not have the three-line shape */
export declare function combinedStepLine(inline: readonly string[]): string | undefined;
/** A step line read back: its secrets (Terraform text), its step and arguments (Terraform text, unquoted). */
export interface StepCall {
    readonly secrets: string[];
    readonly step: string;
    readonly args: string[];
}
/**
 * The words of a step line as the shell reads them, each a Terraform string: single quotes removed,
 * `'\''` read as `'`, a `${...}` kept whole (its expression may hold anything but is never split).
 * Anything the shell would read another way (a bare `$`, `"`, `\`, `;`...) fails the parse.
 */
export declare function shellWords(line: string): string[];
/** A step line (see stepLine) read back into its secrets, step and arguments. */
export declare function parseStepLine(line: string): StepCall;
/** Every step of a resource, in order (each inline checked by stepLine). */
export declare function stepsOf(r: TfResource): StepCall[];
/** The one step of a resource named `step` (asserts there is exactly one). */
export declare function stepOf(r: TfResource, step: string): StepCall;
/** The step argument reading a trigger of the resource's own, by its position among the triggers' keys. */
export declare function triggerArg(attribute: 'triggers' | 'triggers_replace', key: string, triggers: Record<string, string>): string;
/**
 * The trigger a step argument reads (`${base64encode(element(values(self.ATTR), N))}`), named by
 * the resource's own triggers; undefined if it reads none. Without the triggers, the key is ''.
 */
export declare function triggerKeyOf(arg: string, triggers?: Record<string, string>): {
    attribute: string;
    key: string;
    index: number;
} | undefined;
/** The prologue, as Terraform evaluates the stack's local (no interpolation in it: asserted). */
export declare function prologueOf(json: TfJson): string;
/** The host program the prologue carries as base64 (decoded). */
export declare function hostProgramOf(json: TfJson): string;
/** a shell text without its leading comment lines and blank lines */
export declare const afterComments: (text: string) => string;
/** The file paths a resource's triggers carry (every key that is an absolute path). */
export declare function triggerPaths(r: TfResource): string[];
/**
 * Reads a Terraform template string as Terraform does: `$${` and `%%{` are escapes for `${` and
 * `%{`; `${...}` is an interpolation and `%{...}` a directive. Returns the literal text (each
 * interpolation as `«expr»`) and the interpolations and directives found.
 */
export declare function readTemplate(s: string): {
    literal: string;
    interpolations: string[];
    directives: string[];
};
/**
 * The Terraform expressions the library means to write: functions over references to its own
 * tls_private_key resources, variables and generated passwords; the prologue's local, alone; a
 * step's read of its own resource's trigger, `base64encode(element(values(self.triggers), N))` (or
 * `self.triggers_replace`), alone. Anything else inside `${...}` (e.g. `HOME`,
 * `BARMAN_SERVER`) is literal content that escaped unescaped.
 */
export declare function isLibraryExpression(expr: string): boolean;
/** Every string in a JSON value with its path (`a.b[0].c`). */
export declare function stringsIn(value: unknown, path?: string): {
    path: string;
    value: string;
}[];
export declare const seedGraph: () => BarmanGraph;
export declare const HOST_KEY_TWO_ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHR3b2VkMjU1MTlob3N0a2V5Zm9ydGVzdHNvbmx5AAAA";
export declare const HOST_KEY_TWO_RSA = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDdHdvcnNhaG9zdGtleWZvcnRlc3Rz";
export declare const HOST_KEY_ONE = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTZvbmU=";
/**
 * The multi-topology graph of the construct tests:
 * - `one` (primary) is backed up to two Barman servers, `two` and `three`;
 * - `four` and `five` are backed up to `two` too (several instances on one server);
 * - `three` is an M1 barman+witness node: a Barman server AND a Postgres instance;
 * - `db-1.example.com` is backed up to `backup-1.example.com` (FQDN names);
 * - `two` listens for ssh on 2222 and has two pinned host keys; `one` has one.
 */
export declare function multiGraph(extra?: {
    one?: BarmanSettings;
    four?: BarmanSettings;
    cluster?: BarmanSettings;
}): BarmanGraph;
