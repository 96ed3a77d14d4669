import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BarmanGraph } from '../model/graph';
import { BarmanClusterOptions } from '../constructs/barman-cluster';
import { synthesizeTerraformJson } from '../constructs/barman-stack';
import { writeStaged } from './staged-output';

export const SYNTH_FILE = 'cdktf-barman.tf.json';

export interface SynthOptions extends BarmanClusterOptions {
  readonly keysFromVariables?: boolean;
  readonly connectionKeyFromVariable?: boolean;
}

/** Writes DIR/cdktf-barman.tf.json atomically (other files of DIR are left alone); returns its path. */
export function writeSynth(graph: BarmanGraph, outDir: string, options: SynthOptions): string {
  const json = synthesizeTerraformJson({ ...options, graph });
  const text = JSON.stringify(json, null, 2) + '\n';
  writeStaged(outDir, (dir) => writeFileSync(join(dir, SYNTH_FILE), text), [SYNTH_FILE]);
  return join(outDir, SYNTH_FILE);
}
