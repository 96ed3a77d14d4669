import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BarmanGraph } from '../model/graph';
import { BarmanClusterOptions } from '../constructs/barman-cluster';
import { synthesizeTerraformJson } from '../constructs/barman-stack';

export const SYNTH_FILE = 'cdktf-barman.tf.json';

export interface SynthOptions extends BarmanClusterOptions {
  readonly keysFromVariables?: boolean;
  readonly connectionKeyFromVariable?: boolean;
}

/** Writes DIR/cdktf-barman.tf.json atomically; returns its path. */
export function writeSynth(graph: BarmanGraph, outDir: string, options: SynthOptions): string {
  const json = synthesizeTerraformJson({ ...options, graph });
  mkdirSync(outDir, { recursive: true });
  const target = join(outDir, SYNTH_FILE);
  const tmp = `${target}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(json, null, 2) + '\n');
  renameSync(tmp, target);
  return target;
}
