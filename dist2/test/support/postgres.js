"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TEST_POSTGRES = exports.PG_MAJOR_VARIABLE = void 0;
exports.installedMajors = installedMajors;
exports.testPostgres = testPostgres;
/**
 * The PostgreSQL the tests run: the highest major with a server under /usr/lib/postgresql (Debian's
 * layout, one directory per major), or the one CDKTF_BARMAN_TEST_PG_MAJOR names. Tests that start a
 * real PostgreSQL use its bin directory, and configure the library with its major, so they follow
 * whatever the machine has (Debian 12: 15, Debian 13: 17).
 */
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const requirements_1 = require("./requirements");
const ROOT = '/usr/lib/postgresql';
exports.PG_MAJOR_VARIABLE = 'CDKTF_BARMAN_TEST_PG_MAJOR';
const binOf = (major) => (0, node_path_1.join)(ROOT, String(major), 'bin');
const hasServer = (major) => (0, node_fs_1.existsSync)((0, node_path_1.join)(binOf(major), 'postgres')) && (0, node_fs_1.existsSync)((0, node_path_1.join)(binOf(major), 'initdb'));
/** the majors installed under /usr/lib/postgresql, highest first */
function installedMajors() {
    const names = (0, node_fs_1.existsSync)(ROOT) ? (0, node_fs_1.readdirSync)(ROOT) : [];
    return names.filter((n) => /^[1-9][0-9]*$/.test(n)).map(Number).filter(hasServer).sort((a, b) => b - a);
}
function testPostgres() {
    const forced = process.env[exports.PG_MAJOR_VARIABLE];
    if (forced !== undefined && forced !== '') {
        const major = /^[1-9][0-9]*$/.test(forced) ? Number(forced) : NaN;
        if (Number.isNaN(major))
            return { major: 0, bin: '', missing: `${exports.PG_MAJOR_VARIABLE}=${forced} is not a PostgreSQL major version: set it to one of ${installedMajors().join(', ') || '(none installed)'}, or unset it` };
        if (!hasServer(major))
            return { major, bin: binOf(major), missing: `${exports.PG_MAJOR_VARIABLE}=${major} but ${binOf(major)} has no postgres and initdb: install postgresql-${major}, or unset it` };
        return { major, bin: binOf(major), missing: false };
    }
    const [major] = installedMajors();
    if (major === undefined)
        return { major: 0, bin: '', missing: `no PostgreSQL server under ${ROOT}/<major>/bin: Debian package postgresql (${requirements_1.SETUP_COMMAND})` };
    return { major, bin: binOf(major), missing: false };
}
/** the machine's PostgreSQL, found once per test process */
exports.TEST_POSTGRES = testPostgres();
