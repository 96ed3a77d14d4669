import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadGraphFromFile } from '../../lib/config/tpa-config';
import { BarmanGraph } from '../../lib/model/graph';
import { repoRoot } from '../support/paths';

/** test/fixtures/status: real probe output of the e2e sandbox (see its config.yml for how it was captured). */
export function statusFixtureDir(): string {
  return join(repoRoot(), 'test', 'fixtures', 'status');
}

export function statusConfigPath(): string {
  return join(statusFixtureDir(), 'config.yml');
}

export function statusGraph(): BarmanGraph {
  return loadGraphFromFile(statusConfigPath());
}

/** `healthy`, `receive-wal-stopped`, `no-cron-daemon` */
export function probeFixture(name: string): string {
  return readFileSync(join(statusFixtureDir(), `${name}.probe.txt`), 'utf8');
}

/** the same probe output with the server's clock moved by `seconds` */
export function shiftClock(probe: string, seconds: number): string {
  return probe.replace(/(@@cdktf-barman-status now\n)(\d+)/, (_, mark: string, now: string) => `${mark}${Number(now) + seconds}`);
}
