"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HOST_PROLOGUE = exports.HOST_PROGRAM_SHA256 = exports.HOST_PROGRAM = void 0;
const node_crypto_1 = require("node:crypto");
const barman_conf_1 = require("../render/barman-conf");
const barman_roles_sql_1 = require("../render/barman-roles-sql");
const drift_library_1 = require("./drift-library");
const edge_removal_1 = require("./edge-removal");
const postgres_side_library_1 = require("./postgres-side-library");
const shell_assets_1 = require("./shell-assets");
const shell_library_1 = require("./shell-library");
/**
 * The host program: every function a step may call, from the files in shell/. It travels once
 * per stack, in the prologue; each provisioner appends one line, its step: a function and that
 * step's values.
 */
exports.HOST_PROGRAM = [
    shell_library_1.SHELL_LIBRARY,
    drift_library_1.DRIFT_LIBRARY,
    postgres_side_library_1.POSTGRES_SIDE_LIBRARY,
    edge_removal_1.EDGE_REMOVAL_LIBRARY,
    (0, shell_assets_1.shellFile)('files.sh'),
    (0, shell_assets_1.shellFile)('server.sh', { BARMAN_CONF_DIR: barman_conf_1.BARMAN_CONF_DIR }),
    (0, shell_assets_1.shellFile)('backup-edge.sh', { BARMAN_CONF_DIR: barman_conf_1.BARMAN_CONF_DIR }),
    (0, shell_assets_1.shellFile)('postgres-access.sh'),
    (0, shell_assets_1.shellFile)('postgres-steps.sh', { BARMAN_DB_USER: barman_roles_sql_1.BARMAN_DB_USER, STREAMING_DB_USER: barman_roles_sql_1.STREAMING_DB_USER }),
    (0, shell_assets_1.shellFile)('activation.sh'),
    (0, shell_assets_1.shellFile)('private-key.sh'),
].join('\n');
/** sha256 of the host program: part of every resource's script_sha256, so a new one rolls out */
exports.HOST_PROGRAM_SHA256 = (0, node_crypto_1.createHash)('sha256').update(exports.HOST_PROGRAM).digest('hex');
/**
 * What every remote-exec inline starts with (shell/prologue.sh): its uploaded copy removed, the
 * host program in a private temp file, cdktf_run and cdktf_run_secret. Plain shell and base64;
 * its one `${` (a shell expansion) is escaped with the rest when it becomes a Terraform local.
 */
exports.HOST_PROLOGUE = (0, shell_assets_1.shellFile)('prologue.sh', { HOST_PROGRAM_BASE64: Buffer.from(exports.HOST_PROGRAM, 'utf8').toString('base64') });
