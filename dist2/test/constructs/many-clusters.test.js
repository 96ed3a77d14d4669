"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Several clusters in one stack (issue 13 item 3): every logical id derives from the construct id
 * unless idPrefix is given, so two clusters keep four key pairs and their own passwords; two
 * clusters that would share ids are an error naming both, never a silent merge.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const barman_cluster_1 = require("../../lib/constructs/barman-cluster");
const logical_ids_1 = require("../../lib/model/logical-ids");
const enums_1 = require("../../lib/model/enums");
const typed_cluster_1 = require("../../lib/model/typed-cluster");
const cdktf_1 = require("../../lib/platform/cdktf");
const synth_helpers_1 = require("./synth-helpers");
const sorted = (xs) => [...xs].sort();
(0, node_test_1.describe)('the prefix of a cluster without idPrefix is its construct id, made a terraform name', () => {
    (0, node_test_1.test)("'barman' stays 'barman' (the ids of earlier releases); other ids lower case, '_' for the rest", () => {
        strict_1.default.equal((0, logical_ids_1.clusterIdPrefix)('barman'), 'barman');
        strict_1.default.equal((0, logical_ids_1.clusterIdPrefix)('Prod-East.1'), 'prod_east_1');
        strict_1.default.equal((0, logical_ids_1.clusterIdPrefix)('2nd'), '_2nd', 'a terraform name does not start with a digit');
        strict_1.default.equal((0, logical_ids_1.clusterIdPrefix)('anything', 'given-Prefix'), 'given-Prefix', 'idPrefix is taken as it is');
    });
    (0, node_test_1.test)('an idPrefix that is no terraform name is refused, showing it', () => {
        strict_1.default.throws(() => (0, logical_ids_1.clusterIdPrefix)('c', 'bad.prefix'), /^Error: idPrefix "bad\.prefix" is not a terraform name: use letters, digits/);
        strict_1.default.throws(() => (0, synth_helpers_1.synthStack)((stack) => void new barman_cluster_1.BarmanCluster(stack, 'c', { graph: (0, synth_helpers_1.seedGraph)(), idPrefix: '1x' })), /idPrefix "1x"/);
    });
});
(0, node_test_1.describe)('two clusters in one stack, no idPrefix', () => {
    for (const [what, second] of [
        ['the same graph', synth_helpers_1.seedGraph],
        ['different graphs', () => (0, synth_helpers_1.multiGraph)()],
    ]) {
        (0, node_test_1.test)(`${what}: four key pairs, four passwords, every provisioner of each, each wired to its own keys and passwords`, () => {
            const json = (0, synth_helpers_1.synthStack)((stack) => {
                new barman_cluster_1.BarmanCluster(stack, 'Prod', { graph: (0, synth_helpers_1.seedGraph)() });
                new barman_cluster_1.BarmanCluster(stack, 'dr-site', { graph: second() });
            });
            strict_1.default.deepEqual(sorted(Object.keys(json.resource?.tls_private_key ?? {})), ['dr_site_ssh_key_barman', 'dr_site_ssh_key_postgres', 'prod_ssh_key_barman', 'prod_ssh_key_postgres']);
            strict_1.default.deepEqual(sorted((0, synth_helpers_1.passwordResources)(json).keys()), sorted([...(0, synth_helpers_1.passwordIds)('prod'), ...(0, synth_helpers_1.passwordIds)('dr_site')]));
            strict_1.default.deepEqual(sorted((0, synth_helpers_1.provisionerResources)(json).keys()), sorted([...(0, synth_helpers_1.expectedProvisionerIds)((0, synth_helpers_1.seedGraph)(), { prefix: 'prod' }), ...(0, synth_helpers_1.expectedProvisionerIds)(second(), { prefix: 'dr_site' })]));
            for (const prefix of ['prod', 'dr_site']) {
                const other = prefix === 'prod' ? 'dr_site' : 'prod';
                const access = JSON.stringify((0, synth_helpers_1.resource)(json, 'null_resource', `${prefix}_postgres_access_one`));
                strict_1.default.ok(access.includes(`tls_private_key.${prefix}_ssh_key_postgres.`), `${prefix}'s hosts get ${prefix}'s postgres key`);
                strict_1.default.ok(!access.includes(`tls_private_key.${other}_`), `${prefix}'s hosts never get ${other}'s keys`);
                const roles = (0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(json, 'null_resource', `${prefix}_postgres_roles_one`)).passwords_sha256;
                strict_1.default.match(roles, new RegExp(`terraform_data\\.${prefix}_db_secret_barman\\.triggers_replace`));
                strict_1.default.ok(!roles.includes(`${other}_db_secret`), `${prefix}'s roles never get ${other}'s passwords`);
            }
        });
    }
});
(0, node_test_1.describe)('two clusters that would share ids: an error naming both and the fix', () => {
    const both = (message, first, second) => message.includes(`'test/${first}'`) && message.includes(`'test/${second}'`);
    (0, node_test_1.test)('construct ids that give one prefix', () => {
        strict_1.default.throws(() => (0, synth_helpers_1.synthStack)((stack) => {
            new barman_cluster_1.BarmanCluster(stack, 'prod', { graph: (0, synth_helpers_1.seedGraph)() });
            new barman_cluster_1.BarmanCluster(stack, 'Prod', { graph: (0, synth_helpers_1.multiGraph)() });
        }), (e) => both(e.message, 'prod', 'Prod') && /prefix 'prod'/.test(e.message) && /distinct construct ids, or a distinct idPrefix/.test(e.message));
    });
    (0, node_test_1.test)("an idPrefix equal to another cluster's prefix", () => {
        strict_1.default.throws(() => (0, synth_helpers_1.synthStack)((stack) => {
            new barman_cluster_1.BarmanCluster(stack, 'east', { graph: (0, synth_helpers_1.seedGraph)() });
            new barman_cluster_1.BarmanCluster(stack, 'west', { graph: (0, synth_helpers_1.multiGraph)(), idPrefix: 'east' });
        }), (e) => both(e.message, 'east', 'west') && /prefix 'east'/.test(e.message));
    });
    (0, node_test_1.test)('distinct prefixes whose ids still meet, and a resource of the estate on a cluster id: refused at synthesis', () => {
        // a with the server 'server.x' and a_server with the server 'x' both write a_server_server_x
        const pair = (primary, server) => (0, typed_cluster_1.graphFromProps)({ clusterName: primary, instances: [{ name: primary, roles: [enums_1.Role.PRIMARY], backup: [server] }, { name: server, roles: [enums_1.Role.BARMAN] }] });
        strict_1.default.throws(() => (0, synth_helpers_1.synthStack)((stack) => {
            new barman_cluster_1.BarmanCluster(stack, 'a', { graph: pair('p1', 'server.x') });
            new barman_cluster_1.BarmanCluster(stack, 'b', { graph: pair('p2', 'x'), idPrefix: 'a_server' });
        }), (e) => /'test\/a\/server-server\.x\/provisioner\/resource' and 'test\/b\/server-x\/provisioner\/resource' are both null_resource\.a_server_server_x/.test(e.message) && /idPrefix values that do not begin with one another/.test(e.message));
        strict_1.default.throws(() => (0, synth_helpers_1.synthStack)((stack) => {
            new barman_cluster_1.BarmanCluster(stack, 'barman', { graph: (0, synth_helpers_1.seedGraph)() });
            new cdktf_1.NullResource(stack, 'mine', {}).overrideLogicalId('barman_server_two');
        }), /'test\/barman\/server-two\/provisioner\/resource' and 'test\/mine' are both null_resource\.barman_server_two/);
    });
    (0, node_test_1.test)('prefixes are claimed per stack: a cluster \'barman\' in each of two stacks is fine', () => {
        const one = (0, synth_helpers_1.synthStack)((stack) => void new barman_cluster_1.BarmanCluster(stack, 'barman', { graph: (0, synth_helpers_1.seedGraph)() }));
        const two = (0, synth_helpers_1.synthStack)((stack) => void new barman_cluster_1.BarmanCluster(stack, 'barman', { graph: (0, synth_helpers_1.seedGraph)() }));
        strict_1.default.deepEqual(sorted((0, synth_helpers_1.resourcesOf)(one).keys()), sorted((0, synth_helpers_1.resourcesOf)(two).keys()));
    });
});
