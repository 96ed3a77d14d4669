"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/** barman_removed_backups: a Barman server's enum setting, keep by default, checked like every enum. */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const enums_1 = require("../../lib/model/enums");
const typed_cluster_1 = require("../../lib/model/typed-cluster");
const diagnostic_helpers_1 = require("./diagnostic-helpers");
const config = (value) => `cluster_name: demo
instances:
- Name: bk
  node: 1
  role: [barman]
  vars:
    barman_removed_backups: ${value}
- Name: pg
  node: 2
  role: [primary]
  backup: bk
`;
(0, node_test_1.test)('keep unless the Barman server says delete; no warning on the Barman server (its own setting)', () => {
    const keep = (0, typed_cluster_1.graphFromProps)({ clusterName: 'c', instances: [{ name: 'bk', roles: [enums_1.Role.BARMAN] }] });
    strict_1.default.equal(keep.instance('bk').settings.removedBackups, enums_1.RemovedBackups.KEEP);
    const { graph, errors, warnings } = (0, diagnostic_helpers_1.diagnose)(config('delete'));
    strict_1.default.deepEqual(errors, []);
    strict_1.default.deepEqual(warnings.filter((w) => w.key === 'barman_removed_backups'), []);
    strict_1.default.equal(graph.instance('bk').settings.removedBackups, enums_1.RemovedBackups.DELETE);
});
(0, node_test_1.test)('another value is an error at its position that lists the two choices', () => {
    const text = config('purge');
    const { errors } = (0, diagnostic_helpers_1.diagnose)(text);
    strict_1.default.equal(errors.length, 1, JSON.stringify(errors));
    const e = errors[0];
    strict_1.default.equal(e.key, 'barman_removed_backups');
    strict_1.default.equal(e.instance, 'bk');
    strict_1.default.deepEqual({ line: e.position?.line, column: e.position?.column }, (0, diagnostic_helpers_1.positionIn)(text, 'purge'));
    strict_1.default.match(e.message, /purge/);
    strict_1.default.match(e.message, /keep/);
    strict_1.default.match(e.message, /delete/);
});
