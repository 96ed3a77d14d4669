type Body = Record<string, unknown>;
export interface TfJson {
    resource?: Record<string, Record<string, Body>>;
    variable?: Record<string, Body>;
    [block: string]: unknown;
}
export declare const readTfJson: (file: string) => TfJson;
export declare function countResources(json: TfJson): {
    resources: number;
    variables: string[];
};
/** bytes of the compact JSON text of every resource's triggers object (keys and values) */
export declare function reviewPayloadBytes(json: TfJson): number;
/** compact JSON bytes by part: resources' triggers, provisioners, connections; locals; all */
export declare function byteBreakdown(json: TfJson): Record<'triggers' | 'provisioners' | 'connections' | 'locals' | 'total', number>;
/**
 * The plan floor: the same resources with the same triggers, no provisioners, no
 * connections. Everything else stays (locals, variables, outputs, depends_on, lifecycle), so it
 * plans with the same TF_VAR_ environment and the same graph.
 */
export declare function floorStack(json: TfJson): TfJson;
/** resources and variables without cdktf's "//" metadata, as canonical text */
export declare function comparable(json: TfJson): string;
export {};
