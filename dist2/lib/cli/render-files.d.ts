import { FileKind, HostPlan } from '../render/host-files';
export interface ManifestEntry {
    readonly path: string;
    readonly kind: FileKind;
    readonly owner: string;
    readonly group: string;
    readonly mode: string;
}
/** one entry per path: several instances' blocks of one .pgpass are one file */
export declare function manifestOf(plan: HostPlan): {
    instance: string;
    files: ManifestEntry[];
};
/**
 * DIR/<instance>/<absolute path on the host> for every file with content, plus manifest.json, under
 * the one --out policy (out-dir.ts): with `force` an earlier render's instance directories are
 * replaced, those of instances no longer in the config removed.
 */
export declare function writeRender(plans: readonly HostPlan[], outDir: string, force: boolean): void;
