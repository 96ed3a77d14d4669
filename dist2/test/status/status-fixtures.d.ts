import { BarmanGraph } from '../../lib/model/graph';
/** test/fixtures/status: real probe output of the e2e sandbox (see its config.yml for how it was captured). */
export declare function statusFixtureDir(): string;
export declare function statusConfigPath(): string;
export declare function statusGraph(): BarmanGraph;
/** `healthy`, `receive-wal-stopped`, `no-cron-daemon` */
export declare function probeFixture(name: string): string;
/** the same probe output with the server's clock moved by `seconds` */
export declare function shiftClock(probe: string, seconds: number): string;
