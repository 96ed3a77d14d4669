export interface ExecResult {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
    readonly ms: number;
}
/** Spawns a command and collects its output (never throws for a non-zero exit). */
export declare function exec(file: string, args: readonly string[], opts?: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    timeoutMs?: number;
}): Promise<ExecResult>;
/** `./bin/cdktf-barman ARGS` from the repository root (uses the compiled dist/). */
export declare function cdktfBarman(args: readonly string[]): Promise<ExecResult>;
/** One Terraform working directory holding the synthesized JSON, its variables and its state. */
export declare class TerraformDir {
    readonly dir: string;
    /** a scratch directory for terraform's own temp files (never the machine's /tmp) */
    private readonly tmpDir;
    /** every terraform and cdktf-barman call with its duration, for the report */
    readonly log: Array<{
        command: string;
        ms: number;
        code: number | null;
    }>;
    constructor(dir: string, 
    /** a scratch directory for terraform's own temp files (never the machine's /tmp) */
    tmpDir: string);
    get env(): NodeJS.ProcessEnv;
    /** Sensitive variables (keys): a 0600 terraform.tfvars.json, read automatically by plan and apply. */
    writeVariables(vars: Record<string, string>): void;
    get synthFile(): string;
    /** `cdktf-barman synth CONFIG --out DIR --force --resource-type terraform_data --supplied-keys --connection-key-variable` */
    synth(config: string): Promise<void>;
    /** Runs terraform; throws unless the exit code is one of `okCodes`. */
    terraform(args: readonly string[], okCodes?: readonly number[]): Promise<ExecResult>;
    init(): Promise<ExecResult>;
    apply(extra?: readonly string[]): Promise<ExecResult>;
    /** `terraform plan -detailed-exitcode`: 0 no changes, 2 changes */
    plan(extra?: readonly string[]): Promise<ExecResult>;
    /** `terraform show -json PLANFILE` parsed */
    showPlanJson(planFile: string): Promise<PlanJson>;
    /** the synthesized JSON, parsed */
    readSynth(): SynthJson;
    writeSynth(json: SynthJson): void;
}
export interface SynthJson {
    resource: Record<string, Record<string, {
        connection?: Record<string, unknown>;
        [k: string]: unknown;
    }>>;
    [k: string]: unknown;
}
export interface PlanJson {
    resource_changes?: Array<{
        address: string;
        type: string;
        name: string;
        change: {
            actions: string[];
        };
    }>;
}
/** Addresses whose planned actions are not a no-op, with their actions: `addr: delete,create`. */
export declare function plannedChanges(plan: PlanJson): Map<string, string>;
