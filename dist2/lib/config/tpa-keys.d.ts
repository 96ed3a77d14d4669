/** Instance keys TPA accepts on every platform (config.yml, instances[*]). */
export declare const COMMON_INSTANCE_KEYS: readonly string[];
/** Platform keys TPA accepts; they do not concern Barman and are accepted and ignored. */
export declare const PLATFORM_INSTANCE_KEYS: readonly string[];
export declare const INSTANCE_KEYS: readonly string[];
/** Only in instance_defaults: volumes every instance gets. */
export declare const DEFAULTS_ONLY_KEYS: readonly string[];
/** Top-level keys of a TPA config.yml; others get a warning (a typo would otherwise go unnoticed). */
export declare const TOP_LEVEL_KEYS: readonly string[];
