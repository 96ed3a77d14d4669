"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.TerraformDir = void 0;
exports.exec = exec;
exports.cdktfBarman = cdktfBarman;
exports.plannedChanges = plannedChanges;
/**
 * The two command lines the end-to-end test drives, as a user would: `./bin/cdktf-barman`
 * (validate, synth, render) and the real `terraform` (init, plan, apply, show) in one working
 * directory. Nothing is mocked; every call is a child process.
 */
const node_child_process_1 = require("node:child_process");
const fs = __importStar(require("node:fs"));
const path = __importStar(require("node:path"));
const paths_1 = require("../support/paths");
/** Spawns a command and collects its output (never throws for a non-zero exit). */
function exec(file, args, opts = {}) {
    const t0 = Date.now();
    return new Promise((resolve, reject) => {
        const child = (0, node_child_process_1.spawn)(file, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
        const out = [];
        const err = [];
        const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
        child.stdout.on('data', (b) => out.push(b));
        child.stderr.on('data', (b) => err.push(b));
        child.on('error', (e) => {
            clearTimeout(timer);
            reject(e);
        });
        child.on('close', (code) => {
            clearTimeout(timer);
            resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - t0 });
        });
    });
}
function describe(what, r) {
    return `${what} exited ${r.code}\n--- stdout ---\n${r.stdout.trim()}\n--- stderr ---\n${r.stderr.trim()}`;
}
/** `./bin/cdktf-barman ARGS` from the repository root (uses the compiled dist/). */
async function cdktfBarman(args) {
    const root = (0, paths_1.repoRoot)();
    return exec(process.execPath, [path.join(root, 'bin', 'cdktf-barman'), ...args], { cwd: root, timeoutMs: 120_000 });
}
/** One Terraform working directory holding the synthesized JSON, its variables and its state. */
class TerraformDir {
    dir;
    tmpDir;
    /** every terraform and cdktf-barman call with its duration, for the report */
    log = [];
    constructor(dir, 
    /** a scratch directory for terraform's own temp files (never the machine's /tmp) */
    tmpDir) {
        this.dir = dir;
        this.tmpDir = tmpDir;
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        fs.mkdirSync(tmpDir, { recursive: true, mode: 0o700 });
    }
    get env() {
        return {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            LANG: 'C.UTF-8',
            TMPDIR: this.tmpDir,
            TF_IN_AUTOMATION: '1',
            TF_INPUT: '0',
            TF_CLI_CONFIG_FILE: '/dev/null',
            CHECKPOINT_DISABLE: '1',
            TF_DATA_DIR: path.join(this.dir, '.terraform'),
        };
    }
    /** Sensitive variables (keys): a 0600 terraform.tfvars.json, read automatically by plan and apply. */
    writeVariables(vars) {
        fs.writeFileSync(path.join(this.dir, 'terraform.tfvars.json'), JSON.stringify(vars, null, 2) + '\n', { mode: 0o600 });
    }
    get synthFile() {
        return path.join(this.dir, 'cdktf-barman.tf.json');
    }
    /** `cdktf-barman synth CONFIG --out DIR --force --resource-type terraform_data --supplied-keys --connection-key-variable` */
    async synth(config) {
        const args = ['synth', config, '--out', this.dir, '--force', '--resource-type', 'terraform_data', '--supplied-keys', '--connection-key-variable'];
        const r = await cdktfBarman(args);
        this.log.push({ command: 'cdktf-barman synth', ms: r.ms, code: r.code });
        if (r.code !== 0)
            throw new Error(describe(`cdktf-barman ${args.join(' ')}`, r));
    }
    /** Runs terraform; throws unless the exit code is one of `okCodes`. */
    async terraform(args, okCodes = [0]) {
        const r = await exec('terraform', [...args, ...(args[0] === 'show' ? [] : ['-no-color'])], { cwd: this.dir, env: this.env, timeoutMs: 600_000 });
        this.log.push({ command: `terraform ${args.join(' ')}`, ms: r.ms, code: r.code });
        if (r.code === null || !okCodes.includes(r.code))
            throw new Error(describe(`terraform ${args.join(' ')}`, r));
        return r;
    }
    init() {
        return this.terraform(['init', '-input=false']);
    }
    apply(extra = []) {
        return this.terraform(['apply', '-auto-approve', '-input=false', ...extra]);
    }
    /** `terraform plan -detailed-exitcode`: 0 no changes, 2 changes */
    async plan(extra = []) {
        return this.terraform(['plan', '-input=false', '-detailed-exitcode', ...extra], [0, 2]);
    }
    /** `terraform show -json PLANFILE` parsed */
    async showPlanJson(planFile) {
        const r = await this.terraform(['show', '-json', planFile]);
        return JSON.parse(r.stdout);
    }
    /** the synthesized JSON, parsed */
    readSynth() {
        return JSON.parse(fs.readFileSync(this.synthFile, 'utf8'));
    }
    writeSynth(json) {
        fs.writeFileSync(this.synthFile, JSON.stringify(json, null, 2) + '\n');
    }
}
exports.TerraformDir = TerraformDir;
/** Addresses whose planned actions are not a no-op, with their actions: `addr: delete,create`. */
function plannedChanges(plan) {
    const m = new Map();
    for (const rc of plan.resource_changes ?? []) {
        const a = rc.change.actions.join(',');
        if (a !== 'no-op' && a !== 'read')
            m.set(rc.address, a);
    }
    return m;
}
