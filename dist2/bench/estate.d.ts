/**
 * Synthetic TPA config.yml estates for the benchmark.
 *
 * N Postgres instances in replication groups of three (a primary and two replicas that name it as
 * upstream), over two locations; one Barman server per 50 instances (at least two, since every
 * instance is backed up to two servers: its group's server and the next one). One instance in ten
 * carries realistic overrides in its vars: retention, schedule, compression, backup_method
 * postgres (every other one) and DSN attributes. The file also carries the platform keys real TPA
 * files have (platform, type, volumes, location, tags), which the loader must read and ignore.
 */
export interface EstateShape {
    readonly postgres: number;
    readonly servers: number;
    readonly edges: number;
    readonly overridden: number;
}
export declare function estateShape(postgres: number): EstateShape;
/** The config.yml text of an estate of `postgres` Postgres instances. */
export declare function estateYaml(postgres: number): string;
