"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.appPackage = appPackage;
/**
 * A package-lock.json for a fresh app that depends on the packed tarball, with every other
 * package at the version of this repository's own lock. `npm ci` of the repository leaves the
 * package tarballs in npm's cache but not the registry's metadata, so an offline `npm install`
 * without a lock cannot resolve a version range; with this lock it installs from the cache alone.
 */
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
/** What a package needs installed beside it: dependencies, optional ones, and required peers. */
function needs(e) {
    const peers = Object.keys(e.peerDependencies ?? {}).filter((n) => !e.peerDependenciesMeta?.[n]?.optional);
    return [...Object.keys(e.dependencies ?? {}), ...Object.keys(e.optionalDependencies ?? {}), ...peers];
}
/** Node's lookup inside a lock: `from/node_modules/name`, then each enclosing node_modules, then the top. */
function locate(packages, from, name) {
    let dir = from;
    for (;;) {
        const key = `${dir === '' ? '' : `${dir}/`}node_modules/${name}`;
        if (packages[key])
            return key;
        if (dir === '')
            return undefined;
        const cut = dir.lastIndexOf('/node_modules/');
        dir = cut < 0 ? '' : dir.slice(0, cut);
    }
}
/**
 * The app's package.json and lock: `prod` and `dev` are the package names of the README's
 * install commands; `tarballSpec` is how the app names the tarball (`file:...`).
 */
function appPackage(repoLock, library, tarball, tarballSpec, prod, dev) {
    const packages = repoLock.packages;
    const version = (name) => {
        const v = packages[`node_modules/${name}`]?.version;
        if (v === undefined)
            throw new Error(`'${name}' is not in this repository's package-lock.json: the app can only use packages npm ci has cached`);
        return v;
    };
    const spec = (name) => (name === library.name ? tarballSpec : version(name));
    const libraryKey = `node_modules/${library.name}`;
    /** lock keys reachable from `roots`, the library's own entry by its package.json */
    const closure = (roots) => {
        const seen = new Set();
        const visit = (from, name) => {
            const key = name === library.name ? libraryKey : locate(packages, from, name);
            if (key === undefined)
                throw new Error(`'${name}' (needed by '${from || 'the app'}') is not in this repository's package-lock.json`);
            if (seen.has(key))
                return;
            seen.add(key);
            const deps = key === libraryKey ? [...Object.keys(library.dependencies ?? {}), ...Object.keys(library.peerDependencies ?? {})] : needs(packages[key]);
            for (const d of deps)
                visit(key, d);
        };
        for (const r of roots)
            visit('', r);
        return seen;
    };
    const prodKeys = closure(prod);
    const allKeys = new Set([...prodKeys, ...closure(dev)]);
    const entries = {};
    for (const key of [...allKeys].sort()) {
        let entry;
        if (key === libraryKey) {
            const integrity = `sha512-${(0, node_crypto_1.createHash)('sha512').update((0, node_fs_1.readFileSync)(tarball)).digest('base64')}`;
            entry = { version: library.version, resolved: tarballSpec, integrity, license: library.license, dependencies: library.dependencies, bin: library.bin, engines: library.engines, peerDependencies: library.peerDependencies };
        }
        else {
            // the repository's own dev/peer flags say nothing about this app
            const { dev: _dev, devOptional: _devOptional, peer: _peer, ...rest } = packages[key];
            entry = rest;
        }
        if (!prodKeys.has(key))
            entry = { ...entry, dev: true };
        entries[key] = entry;
    }
    const pin = (names) => Object.fromEntries(names.map((n) => [n, spec(n)]));
    const manifest = { name: 'barman-backups', version: '1.0.0', private: true, dependencies: pin(prod), devDependencies: pin(dev) };
    const lock = { name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages: { '': { name: manifest.name, version: manifest.version, dependencies: manifest.dependencies, devDependencies: manifest.devDependencies }, ...entries } };
    return { manifest, lock };
}
