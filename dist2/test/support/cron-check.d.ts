export interface CronFile {
    /** absolute path on the host (/etc/cron.d/NAME) */
    readonly path: string;
    readonly content: string;
    /** from the render manifest */
    readonly owner: string | undefined;
    readonly group?: string;
    readonly mode: string | undefined;
}
export interface CronCheckOptions {
    /** users that exist on the host; when given, a line for any other user is rejected (cron ignores the file) */
    readonly users?: readonly string[];
}
/** Problems of a whole /etc/cron.d file (empty when cron runs every line of it). */
export declare function cronFileProblems(file: CronFile, options?: CronCheckOptions): string[];
/** Problems of one job line of a system crontab: 5 schedule fields, user, command. */
export declare function cronLineProblems(line: string, options?: CronCheckOptions): string[];
