"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.clusterSpecFromProps = clusterSpecFromProps;
exports.graphFromProps = graphFromProps;
const build_graph_1 = require("./build-graph");
const names_1 = require("./names");
const settings_1 = require("./settings");
const here = (value) => ({ value });
/** Typed settings under their config.yml names, values as given: checkValue reads typed values as they are. */
function settingVars(settings) {
    const vars = new Map();
    for (const [prop, value] of Object.entries(settings ?? {})) {
        if (value === undefined)
            continue;
        const def = settings_1.SETTING_BY_PROP.get(prop);
        if (!def)
            throw new Error(`unknown barman setting '${prop}': use one of ${[...settings_1.SETTING_BY_PROP.keys()].join(', ')}`);
        vars.set(def.varName, here(value));
    }
    return vars;
}
/** The same unvalidated spec the config.yml loader produces. */
function clusterSpecFromProps(props) {
    const instances = props.instances.map((p) => {
        const vars = settingVars(p.settings);
        if (p.address !== undefined)
            vars.set('address', here(p.address));
        if (p.connectionHost !== undefined)
            vars.set('connection_host', here(p.connectionHost));
        if (p.connectionUser !== undefined)
            vars.set('ansible_user', here(p.connectionUser));
        if (p.connectionPort !== undefined)
            vars.set('ansible_port', here(p.connectionPort));
        if (p.sshHostKeys !== undefined)
            vars.set('ssh_host_keys', here(p.sshHostKeys));
        if (p.clientAddresses !== undefined)
            vars.set('barman_client_addresses', here(p.clientAddresses));
        return {
            name: here((0, names_1.normalizeName)(p.name)),
            givenName: p.name,
            roles: here(p.roles.map(String)),
            backup: (p.backup ?? []).map(here),
            upstream: p.upstream === undefined ? undefined : here(p.upstream),
            vars,
        };
    });
    return {
        clusterName: here(props.clusterName),
        clusterVars: settingVars(props.settings),
        instances,
    };
}
/** Validates typed props into a graph (throws InvalidConfigError with every problem). */
function graphFromProps(props) {
    return (0, build_graph_1.buildGraph)(clusterSpecFromProps(props));
}
