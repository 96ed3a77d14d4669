import { SECTION_MARK } from './probe-script';

/** One command the probe ran: exit code, stdout, stderr. */
export interface CommandOutput {
  readonly rc: number;
  readonly out: string;
  readonly err: string;
}

/** What the probe script printed, by section (see probeScript). */
export interface ProbeOutput {
  /** the server's clock, seconds since the epoch */
  readonly now: number | null;
  /** where `barman` is on the server's PATH; null: not installed */
  readonly barmanPath: string | null;
  readonly version?: CommandOutput;
  readonly diagnose?: CommandOutput;
  readonly check?: CommandOutput;
  /** path -> sha256 hex, or null when the file is missing */
  readonly files: ReadonlyMap<string, string | null>;
  readonly cronFiles: readonly string[];
  readonly cronDaemonRunning: boolean;
  readonly overridesFile: string | null;
  /** backup name -> the first line of its last drill result (JSON), null when none */
  readonly drills: ReadonlyMap<string, string | null>;
  /** the probe ran to its end (a truncated output means it was cut off) */
  readonly complete: boolean;
}

/** Splits the probe's stdout into its sections; lines before the first mark are ignored (motd). */
export function splitSections(stdout: string): Map<string, string> {
  const sections = new Map<string, string>();
  let current: string | undefined;
  let lines: string[] = [];
  const close = () => {
    // the probe prints an empty line before each mark, so that a command's output without a final newline ends there
    if (current !== undefined) sections.set(current, lines.join('\n').replace(/\n$/, ''));
  };
  for (const line of stdout.split('\n')) {
    if (line.startsWith(`${SECTION_MARK} `)) {
      close();
      current = line.slice(SECTION_MARK.length + 1).trim();
      lines = [];
    } else if (current !== undefined) {
      lines.push(line);
    }
  }
  close();
  return sections;
}

function command(sections: Map<string, string>, name: string): CommandOutput | undefined {
  const rc = sections.get(`${name}.rc`);
  if (rc === undefined) return undefined;
  return { rc: Number(rc.trim()), out: sections.get(`${name}.out`) ?? '', err: sections.get(`${name}.err`) ?? '' };
}

const nonEmptyLines = (text: string | undefined): string[] => (text ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '');

export function parseProbeOutput(stdout: string): ProbeOutput {
  const s = splitSections(stdout);
  const now = Number((s.get('now') ?? '').trim());
  const files = new Map<string, string | null>();
  for (const line of nonEmptyLines(s.get('files'))) {
    const space = line.indexOf(' ');
    if (space < 0) continue;
    const sum = line.slice(0, space);
    files.set(line.slice(space + 1), sum === '-' ? null : sum);
  }
  const barmanPath = nonEmptyLines(s.get('barman-path'))[0];
  const drills = new Map<string, string | null>();
  for (const line of nonEmptyLines(s.get('drills'))) {
    const space = line.indexOf(' ');
    if (space > 0) drills.set(line.slice(0, space), line.slice(space + 1) === '-' ? null : line.slice(space + 1));
  }
  return {
    now: Number.isFinite(now) && (s.get('now') ?? '').trim() !== '' ? now : null,
    barmanPath: barmanPath ?? null,
    version: command(s, 'version'),
    diagnose: command(s, 'diagnose'),
    check: command(s, 'check'),
    files,
    cronFiles: nonEmptyLines(s.get('cron-files')),
    cronDaemonRunning: nonEmptyLines(s.get('cron-daemon')).includes('running'),
    overridesFile: nonEmptyLines(s.get('overrides'))[0] ?? null,
    drills,
    complete: s.has('end'),
  };
}
