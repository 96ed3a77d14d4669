"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HostProvisioner = exports.ProvisionerResourceType = void 0;
const host_files_1 = require("../render/host-files");
const remote_command_1 = require("../scripts/remote-command");
const host_program_1 = require("../scripts/host-program");
const cdktf_1 = require("../platform/cdktf");
const host_program_local_1 = require("./host-program-local");
const host_connection_1 = require("./host-connection");
const terraform_data_1 = require("./terraform-data");
const terraform_escape_1 = require("./terraform-escape");
/** Which Terraform resource carries the provisioners; the scripts are identical in both. */
var ProvisionerResourceType;
(function (ProvisionerResourceType) {
    /** `null_resource` from the hashicorp/null provider */
    ProvisionerResourceType["NULL_RESOURCE"] = "null_resource";
    /** Terraform's built-in `terraform_data` (Terraform >= 1.4, no provider needed) */
    ProvisionerResourceType["TERRAFORM_DATA"] = "terraform_data";
})(ProvisionerResourceType || (exports.ProvisionerResourceType = ProvisionerResourceType = {}));
/**
 * One provisioner resource on one host. Its triggers carry every non-secret file it writes, so
 * `terraform plan` prints a line diff of exactly what changes where; private keys are never in
 * triggers (the public key's file changes with the pair).
 */
class HostProvisioner extends cdktf_1.Construct {
    resource;
    /** the host its provisioners run on */
    host;
    triggers;
    /** the texts it writes and runs before any encoding, and its connection: where token values are looked for */
    usedText;
    constructor(scope, id, props) {
        super(scope, id);
        this.host = props.host;
        this.triggers = triggersOf(props);
        this.usedText = [
            props.host.connectionHost,
            ...props.host.sshHostKeys.slice(0, 1),
            ...props.files.map((f) => f.content ?? ''),
            ...Object.values(props.extraTriggers ?? {}),
            ...stepsOf(props).flatMap((x) => [...(0, remote_command_1.literalArgsOf)(x), ...(0, remote_command_1.triggerArgsOf)(x).map((a) => a.content)]),
        ];
        const target = (0, host_program_local_1.hostProgramTarget)(this, props.resourceType === ProvisionerResourceType.TERRAFORM_DATA ? 'triggers_replace' : 'triggers', Object.keys(this.triggers));
        // every step uploads to the connection user's home, never the world-writable /tmp; the prologue removes the copy
        const connection = { ...(0, host_connection_1.connectionFor)(props.host, props.connection), scriptPath: (0, host_connection_1.secretScriptPath)(props.connection, props.host) };
        const provisioners = [
            ...(props.script ? [{ type: 'remote-exec', inline: (0, remote_command_1.remoteExecLines)(props.script, target) }] : []),
            ...secretStepsOf(props).map((step) => ({ type: 'remote-exec', inline: (0, remote_command_1.secretExecLines)(step.script, step.secretsBase64, target) })),
        ];
        const common = { provisioners, connection, dependsOn: props.dependsOn };
        this.resource =
            props.resourceType === ProvisionerResourceType.TERRAFORM_DATA
                ? new terraform_data_1.TerraformData(this, 'resource', { ...common, triggersReplace: this.triggers })
                : new cdktf_1.NullResource(this, 'resource', { ...common, triggers: this.triggers });
        this.resource.overrideLogicalId(props.logicalId);
    }
}
exports.HostProvisioner = HostProvisioner;
/** the steps that handle secrets: the given ones, then one per private key */
function secretStepsOf(props) {
    const keys = (props.privateKeys ?? []).map((k) => ({ script: (0, remote_command_1.privateKeyStep)(k.file.path, k.file.owner, k.file.group), secretsBase64: [k.base64] }));
    return [...(props.secretSteps ?? []), ...keys];
}
/** the resource's steps: the main one and the secret ones */
function stepsOf(props) {
    return [...(props.script ? [props.script] : []), ...secretStepsOf(props).map((x) => x.script)];
}
function triggersOf(props) {
    const t = {
        host: `${props.host.name} (ssh ${props.host.connectionHost})`,
        layout: (0, host_files_1.fileLayout)(props.files),
    };
    for (const f of props.files) {
        // secrets stay out: private keys, and .pgpass (its block only ever holds placeholders here)
        if (f.kind !== host_files_1.FileKind.PRIVATE_KEY && f.kind !== host_files_1.FileKind.PASSWORD_BLOCK && f.content !== undefined)
            t[f.path] = (0, terraform_escape_1.escapeTerraform)(f.content);
    }
    for (const [k, v] of Object.entries(props.extraTriggers ?? {}))
        t[k] = v;
    // what the steps read from the triggers: a file above, or a value shown only here (SQL)
    const steps = stepsOf(props);
    for (const a of steps.flatMap(remote_command_1.triggerArgsOf))
        addTriggerArg(t, a);
    // a change to the host program or to a step rolls out too
    t.script_sha256 = (0, remote_command_1.sha256)([host_program_1.HOST_PROGRAM_SHA256, ...steps.map((x) => [x.step, ...(0, remote_command_1.literalArgsOf)(x)].join('\u0000'))].join('\n'));
    return t;
}
function addTriggerArg(t, a) {
    const value = (0, terraform_escape_1.escapeTerraform)(a.content);
    if (t[a.trigger] === undefined)
        t[a.trigger] = value;
    else if (t[a.trigger] !== value)
        throw new Error(`a step reads trigger ${a.trigger}, which holds other content`);
}
