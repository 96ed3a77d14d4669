/** Peak resident set size of this process (MiB), from the kernel. */
export declare function peakRssMiB(): number;
/** The CLI arguments of a terraform_data-mode synth (plan works offline on its output). */
export declare function synthArgs(config: string, out: string): string[];
