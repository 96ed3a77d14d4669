/** The options table of README.md's "Settings" section, one row per setting, then the documented list vars. */
export declare function settingsTableMarkdown(): string;
