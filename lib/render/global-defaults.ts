import { SETTING_BY_VAR } from '../model/settings';

/**
 * The keys of /etc/barman.conf that carry SPEC 2.3's defaults. A per-server file repeats a key only
 * when its effective value differs from this, so the global file and the comparison share one table.
 */
export const GLOBAL_DEFAULT_KEYS: readonly string[] = [
  'barman_backup_method',
  'barman_compression',
  'barman_reuse_backup',
  'barman_parallel_jobs',
  'barman_backup_options',
  'barman_immediate_checkpoint',
  'barman_network_compression',
  'barman_basebackup_retry_times',
  'barman_basebackup_retry_sleep',
  'barman_minimum_redundancy',
  'barman_retention_policy',
  'barman_last_backup_maximum_age',
];

/** [barman key, var definition, default value] in the order the files list them */
export const GLOBAL_DEFAULTS = GLOBAL_DEFAULT_KEYS.map((varName) => {
  const def = SETTING_BY_VAR.get(varName)!;
  return { key: def.barmanKey!, def, value: def.defaultValue as string | number | boolean };
});
