import { BarmanGraph, Instance } from '../model/graph';
/** pg_hba.conf of a Postgres instance, in its configuration directory. */
export declare function hbaPath(p: Instance): string;
/** The marker lines around the library's block; per cluster, so two clusters keep their own. */
export declare function hbaBlockMarkers(clusterName: string): {
    begin: string;
    end: string;
};
/**
 * The block of pg_hba.conf that lets every Barman server in: `barman` to the postgres database and
 * `streaming_barman` for replication, from each server's client addresses. Every Postgres instance
 * gets it (restores and backups of replicas too). It goes first in the file: the first match wins.
 */
export declare function renderHbaBlock(graph: BarmanGraph, p: Instance): string;
