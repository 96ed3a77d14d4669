import { EffectiveSettings } from './settings';
/** Warnings about barman_backup_interval against the other settings of one backed-up instance. */
export declare function scheduleWarnings(s: EffectiveSettings): string[];
