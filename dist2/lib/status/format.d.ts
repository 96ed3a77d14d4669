import { StatusReport } from './report';
/** The human report: one block per Barman server, failures spelled out, a last summary line. */
export declare function formatReport(r: StatusReport): string;
