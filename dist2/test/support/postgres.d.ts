import { Missing } from './requirements';
export declare const PG_MAJOR_VARIABLE = "CDKTF_BARMAN_TEST_PG_MAJOR";
export interface TestPostgres {
    /** the major version (only meaningful when `missing` is false) */
    readonly major: number;
    /** its binaries: initdb, pg_ctl, postgres, psql, pg_basebackup, ... */
    readonly bin: string;
    readonly missing: Missing;
}
/** the majors installed under /usr/lib/postgresql, highest first */
export declare function installedMajors(): number[];
export declare function testPostgres(): TestPostgres;
/** the machine's PostgreSQL, found once per test process */
export declare const TEST_POSTGRES: TestPostgres;
