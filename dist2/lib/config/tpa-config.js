"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadTpaConfig = loadTpaConfig;
exports.loadTpaConfigFile = loadTpaConfigFile;
exports.loadGraphFromFile = loadGraphFromFile;
const diagnostics_1 = require("../model/diagnostics");
const build_graph_1 = require("../model/build-graph");
const enums_1 = require("../model/enums");
const names_1 = require("../model/names");
const settings_1 = require("../model/settings");
const config_file_1 = require("./config-file");
const tpa_keys_1 = require("./tpa-keys");
const yaml_source_1 = require("./yaml-source");
const isDict = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/**
 * Reads a TPA config.yml into the same unvalidated spec the typed API produces, keeping the
 * position of every value. Merge order as TPA: instance > instance_defaults > location; instance
 * vars over cluster_vars (applied later, in buildGraph).
 */
function loadTpaConfig(text, file) {
    let doc;
    try {
        doc = (0, yaml_source_1.parseYaml)(text, file);
    }
    catch (e) {
        if (e instanceof yaml_source_1.YamlSyntaxError) {
            throw new diagnostics_1.InvalidConfigError([{ severity: diagnostics_1.Severity.ERROR, message: e.message, position: e.position, file }]);
        }
        throw e;
    }
    return new TpaReader(doc).read();
}
function loadTpaConfigFile(path) {
    let text;
    try {
        text = (0, config_file_1.readConfigText)(path);
    }
    catch (e) {
        if (!(e instanceof config_file_1.ConfigFileError))
            throw e;
        throw new diagnostics_1.InvalidConfigError([{ severity: diagnostics_1.Severity.ERROR, message: e.message, position: e.position, file: path }]);
    }
    return loadTpaConfig(text, path);
}
/** Loads and validates: the graph, or InvalidConfigError with every problem. */
function loadGraphFromFile(path) {
    return (0, build_graph_1.buildGraph)(loadTpaConfigFile(path));
}
class TpaReader {
    doc;
    bag;
    constructor(doc) {
        this.doc = doc;
        this.bag = new diagnostics_1.DiagnosticBag(doc.file);
    }
    at(path) {
        return this.doc.positionOf(path) ?? this.doc.nearestPositionOf(path);
    }
    keyAt(path) {
        return this.doc.keyPositionOf(path) ?? this.at(path);
    }
    read() {
        const root = this.doc.value;
        if (!isDict(root)) {
            this.bag.error('the config must be a YAML mapping with cluster_name and instances', { position: this.at([]) });
            throw new diagnostics_1.InvalidConfigError(this.bag.all);
        }
        for (const key of Object.keys(root)) {
            if (!tpa_keys_1.TOP_LEVEL_KEYS.includes(key)) {
                const hint = (0, diagnostics_1.didYouMean)(key, tpa_keys_1.TOP_LEVEL_KEYS);
                this.bag.warning(`unknown top-level key '${key}' is ignored${hint ? `: did you mean '${hint}'?` : ''}`, { key, position: this.keyAt([key]) });
            }
        }
        const clusterName = this.readClusterName(root);
        const clusterVars = this.readDictEntries(root.cluster_vars, ['cluster_vars'], 'cluster_vars');
        // TPA reads some settings (cluster_ssh_port) at the top level too
        for (const def of settings_1.SETTING_DEFINITIONS.filter((d) => d.topLevelToo)) {
            if (root[def.varName] !== undefined && !clusterVars.has(def.varName)) {
                clusterVars.set(def.varName, { value: root[def.varName], where: this.at([def.varName]) });
            }
        }
        const defaults = this.readDefaults(root.instance_defaults);
        const locations = this.readLocations(root.locations);
        const instances = [];
        if (root.instances === undefined) {
            this.bag.error("missing 'instances': add a list of instances", { key: 'instances', position: { file: this.doc.file, line: 1, column: 1 } });
        }
        else if (!Array.isArray(root.instances) || root.instances.length === 0) {
            this.bag.error(`'instances' must be a non-empty list, got ${(0, diagnostics_1.showValue)(root.instances)}`, { key: 'instances', position: this.at(['instances']) });
        }
        else {
            root.instances.forEach((raw, index) => {
                const spec = this.readInstance(raw, index, clusterName.value, defaults, locations);
                if (spec)
                    instances.push(spec);
            });
        }
        return { clusterName, clusterVars, instances, file: this.doc.file, diagnostics: this.bag.all };
    }
    readClusterName(root) {
        const v = root.cluster_name;
        if (v === undefined) {
            this.bag.error("missing 'cluster_name': add cluster_name: <name> at the top level", { key: 'cluster_name', position: { file: this.doc.file, line: 1, column: 1 } });
            return { value: 'unnamed' };
        }
        if (typeof v !== 'string' || v === '') {
            this.bag.error(`cluster_name must be a non-empty string, got ${(0, diagnostics_1.showValue)(v)}`, { key: 'cluster_name', position: this.at(['cluster_name']) });
            return { value: 'unnamed' };
        }
        return { value: v, where: this.at(['cluster_name']) };
    }
    /** A mapping's entries with positions; anything else is an error. */
    readDictEntries(v, path, what, instance) {
        const out = new Map();
        if (v === undefined || v === null)
            return out;
        if (!isDict(v)) {
            this.bag.error(`${what} must be a mapping of name: value, got ${(0, diagnostics_1.showValue)(v)}`, { instance, key: what, position: this.at(path) });
            return out;
        }
        for (const [k, value] of Object.entries(v))
            out.set(k, { value, where: this.at([...path, k]), keyWhere: this.keyAt([...path, k]) });
        return out;
    }
    readDefaults(v) {
        const out = new Map();
        if (v === undefined || v === null)
            return out;
        if (!isDict(v)) {
            this.bag.error(`instance_defaults must be a mapping, got ${(0, diagnostics_1.showValue)(v)}`, { key: 'instance_defaults', position: this.at(['instance_defaults']) });
            return out;
        }
        for (const [k, value] of Object.entries(v)) {
            if (!tpa_keys_1.INSTANCE_KEYS.includes(k) && !tpa_keys_1.DEFAULTS_ONLY_KEYS.includes(k))
                this.unknownKey(k, ['instance_defaults', k]);
            else
                out.set(k, { value, path: ['instance_defaults', k] });
        }
        return out;
    }
    readLocations(v) {
        const out = new Map();
        if (v === undefined || v === null)
            return out;
        if (!Array.isArray(v)) {
            this.bag.error(`locations must be a list, got ${(0, diagnostics_1.showValue)(v)}`, { key: 'locations', position: this.at(['locations']) });
            return out;
        }
        v.forEach((loc, i) => {
            if (!isDict(loc) || typeof loc.Name !== 'string') {
                this.bag.error('each location must be a mapping with a Name', { key: 'locations', position: this.at(['locations', i]) });
                return;
            }
            if (out.has(loc.Name))
                this.bag.error(`duplicate location Name '${loc.Name}': rename one`, { key: 'Name', position: this.at(['locations', i, 'Name']) });
            const entries = new Map();
            for (const [k, value] of Object.entries(loc)) {
                if (k === 'Name')
                    continue;
                if (!tpa_keys_1.INSTANCE_KEYS.includes(k))
                    this.unknownKey(k, ['locations', i, k]);
                else
                    entries.set(k, { value, path: ['locations', i, k] });
            }
            out.set(loc.Name, entries);
            out.set(String(i), entries); // legacy integer index
        });
        return out;
    }
    unknownKey(key, path, instance) {
        const hint = (0, diagnostics_1.didYouMean)(key, tpa_keys_1.INSTANCE_KEYS);
        this.bag.error(`unknown instance key '${key}'${hint ? `: did you mean '${hint}'?` : ''} (should it be under vars?)`, { instance, key, position: this.keyAt(path) });
    }
    readInstance(raw, index, clusterName, defaults, locations) {
        const base = ['instances', index];
        if (!isDict(raw)) {
            this.bag.error(`each instance must be a mapping, got ${(0, diagnostics_1.showValue)(raw)}`, { key: 'instances', position: this.at(base) });
            return undefined;
        }
        const tags = isDict(raw.tags) ? raw.tags : {};
        const rawName = raw.Name ?? tags.Name ?? (raw.node !== undefined ? `${clusterName}-${raw.node}` : undefined);
        const namePath = raw.Name !== undefined ? [...base, 'Name'] : tags.Name !== undefined ? [...base, 'tags', 'Name'] : base;
        const givenName = typeof rawName === 'string' || typeof rawName === 'number' ? String(rawName) : `instances[${index}]`;
        if (rawName === undefined) {
            this.bag.error("instance has no Name (and no node to derive one): add Name: <host name>", { instance: givenName, key: 'Name', position: this.at(base) });
        }
        else if (typeof rawName !== 'string' && typeof rawName !== 'number') {
            this.bag.error(`Name must be a string, got ${(0, diagnostics_1.showValue)(rawName)}`, { instance: givenName, key: 'Name', position: this.at(namePath) });
        }
        for (const k of Object.keys(raw))
            if (!tpa_keys_1.INSTANCE_KEYS.includes(k))
                this.unknownKey(k, [...base, k], givenName);
        // precedence: instance > instance_defaults > location
        const merged = new Map();
        const locRef = raw.location ?? defaults.get('location')?.value;
        if (locRef !== undefined && locRef !== null) {
            const loc = locations.get(String(locRef));
            if (!loc) {
                const hint = (0, diagnostics_1.didYouMean)(String(locRef), [...locations.keys()].filter((k) => !/^\d+$/.test(k)));
                this.bag.error(`unknown location ${(0, diagnostics_1.showValue)(locRef)}${hint ? `: did you mean '${hint}'?` : ': add it under locations'}`, { instance: givenName, key: 'location', position: this.at(raw.location !== undefined ? [...base, 'location'] : ['instance_defaults', 'location']) });
            }
            else {
                for (const [k, e] of loc)
                    mergeEntry(merged, k, e);
            }
        }
        for (const [k, e] of defaults)
            if (!tpa_keys_1.DEFAULTS_ONLY_KEYS.includes(k))
                mergeEntry(merged, k, e);
        for (const [k, value] of Object.entries(raw))
            mergeEntry(merged, k, { value, path: [...base, k] });
        // legacy tags.role/backup/upstream move to the top level
        for (const k of ['role', 'backup', 'upstream']) {
            if (tags[k] !== undefined)
                merged.set(k, { value: tags[k], path: [...base, 'tags', k] });
        }
        const vars = new Map();
        const varsEntry = merged.get('vars');
        if (varsEntry !== undefined && varsEntry.value !== null) {
            if (!isDict(varsEntry.value)) {
                this.bag.error(`vars must be a mapping, got ${(0, diagnostics_1.showValue)(varsEntry.value)}`, { instance: givenName, key: 'vars', position: this.at(varsEntry.path) });
            }
            else {
                const paths = varsEntry.subPaths;
                for (const [k, value] of Object.entries(varsEntry.value)) {
                    const path = paths?.get(k) ?? [...varsEntry.path, k];
                    vars.set(k, { value, where: this.at(path), keyWhere: this.keyAt(path) });
                }
            }
        }
        const str = (key) => {
            const e = merged.get(key);
            if (e === undefined || e.value === null)
                return undefined;
            if (typeof e.value !== 'string') {
                this.bag.error(`${key} must be a string, got ${(0, diagnostics_1.showValue)(e.value)}`, { instance: givenName, key, position: this.at(e.path) });
                return undefined;
            }
            return { value: e.value, where: this.at(e.path) };
        };
        return {
            name: { value: (0, names_1.normalizeName)(String(rawName ?? givenName)), where: this.at(namePath) },
            givenName,
            roles: this.readRoles(merged.get('role'), givenName),
            backup: this.readBackup(merged.get('backup'), givenName),
            privateIp: str('private_ip'),
            ipAddress: str('ip_address'),
            publicIp: str('public_ip'),
            ansibleHost: str('ansible_host'),
            upstream: str('upstream'),
            vars,
            where: this.at(base),
        };
    }
    readRoles(e, instance) {
        if (e === undefined || e.value === null)
            return { value: [] };
        const where = this.at(e.path);
        let roles;
        if (typeof e.value === 'string')
            roles = e.value.split(',').map((r) => r.trim()).filter((r) => r !== '');
        else if (Array.isArray(e.value) && e.value.every((r) => typeof r === 'string'))
            roles = e.value.map((r) => r.trim());
        else {
            this.bag.error(`role must be a list or a comma-separated string of role names, got ${(0, diagnostics_1.showValue)(e.value)}`, { instance, key: 'role', position: where });
            return { value: [], where };
        }
        // TPA's role expansion: primary and replica are Postgres instances
        if ((roles.includes(enums_1.Role.PRIMARY) || roles.includes(enums_1.Role.REPLICA)) && !roles.includes(enums_1.Role.POSTGRES))
            roles.push(enums_1.Role.POSTGRES);
        return { value: roles, where };
    }
    readBackup(e, instance) {
        if (e === undefined || e.value === null)
            return [];
        if (typeof e.value === 'string')
            return [{ value: e.value, where: this.at(e.path) }];
        if (Array.isArray(e.value)) {
            const out = [];
            e.value.forEach((b, j) => {
                if (typeof b === 'string')
                    out.push({ value: b, where: this.at([...e.path, j]) });
                else
                    this.bag.error(`backup entries must be instance names, got ${(0, diagnostics_1.showValue)(b)}`, { instance, key: 'backup', position: this.at([...e.path, j]) });
            });
            return out;
        }
        this.bag.error(`backup must be a Barman server's name or a list of them, got ${(0, diagnostics_1.showValue)(e.value)}`, { instance, key: 'backup', position: this.at(e.path) });
        return [];
    }
}
/** TPA merges dicts one level deep (the later level's keys win), anything else is replaced. */
function mergeEntry(into, key, e) {
    const prev = into.get(key);
    // `vars:` with every entry commented out is null: it must not wipe the vars of instance_defaults or the location
    if (e.value === null && prev && isDict(prev.value))
        return;
    if (prev && isDict(prev.value) && isDict(e.value)) {
        const subPaths = new Map(prev.subPaths ?? Object.keys(prev.value).map((k) => [k, [...prev.path, k]]));
        for (const k of Object.keys(e.value))
            subPaths.set(k, [...e.path, k]);
        into.set(key, { value: { ...prev.value, ...e.value }, path: e.path, subPaths });
    }
    else {
        into.set(key, e);
    }
}
