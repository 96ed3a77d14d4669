"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.POSTGRES_SIDE_LIBRARY = void 0;
const shell_assets_1 = require("./shell-assets");
/**
 * Shell functions for the Postgres side, added after SHELL_LIBRARY: SQL as the postgres user over
 * the local socket, and a marked block at the top of a shared file (pg_hba.conf, where the first
 * matching line wins) or at its end (.pgpass).
 */
exports.POSTGRES_SIDE_LIBRARY = (0, shell_assets_1.shellFile)('postgres-side.sh');
