/**
 * How long a cron schedule can leave between two runs, for the cross-field checks against
 * `last_backup_maximum_age` and the retention window. Reads the schedule as Debian's cron does:
 * when both day fields are restricted a day matches either of them, otherwise both.
 */
import { cronScheduleProblems } from './cron-schedule';

const MINUTES_PER_DAY = 24 * 60;
/** eight years from a leap year: every day-of-month/day-of-week/month combination repeats in it */
const DAYS_SCANNED = 8 * 365 + 2;
const SCAN_START = Date.UTC(2024, 0, 1);

interface Fields {
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly doms: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly dows: ReadonlySet<number>;
  /** cron's DOM_STAR/DOW_STAR: the field starts with '*' */
  readonly domStar: boolean;
  readonly dowStar: boolean;
}

const NAMES: Record<number, readonly string[]> = {
  3: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  4: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
};
const BOUNDS: readonly (readonly [number, number])[] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 7]];

function valueOf(text: string, field: number): number {
  if (/^\d+$/.test(text)) return Number(text);
  const i = (NAMES[field] ?? []).indexOf(text.toLowerCase());
  return field === 3 ? i + 1 : i;
}

/** The values one field of a valid schedule selects. */
function expand(text: string, field: number): number[] {
  const [min, max] = BOUNDS[field];
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const [range, stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let lo = min;
    let hi = max;
    if (range !== '*') {
      const [a, b] = range.split('-');
      lo = valueOf(a, field);
      hi = b === undefined ? (stepText === undefined ? lo : max) : valueOf(b, field);
    }
    for (let v = lo; v <= hi; v += step) out.add(field === 4 && v === 7 ? 0 : v);
  }
  return [...out].sort((x, y) => x - y);
}

function parse(schedule: string): Fields {
  const f = schedule.split(' ');
  return {
    minutes: expand(f[0], 0),
    hours: expand(f[1], 1),
    doms: new Set(expand(f[2], 2)),
    months: new Set(expand(f[3], 3)),
    dows: new Set(expand(f[4], 4)),
    domStar: f[2].startsWith('*'),
    dowStar: f[4].startsWith('*'),
  };
}

function runsOn(f: Fields, day: Date): boolean {
  if (!f.months.has(day.getUTCMonth() + 1)) return false;
  const dom = f.doms.has(day.getUTCDate());
  const dow = f.dows.has(day.getUTCDay());
  return f.domStar || f.dowStar ? dom && dow : dom || dow;
}

const cache = new Map<string, number | undefined>();

/**
 * The longest time between two consecutive runs, in minutes; undefined when the schedule never
 * runs (e.g. 30 February). Local-time shifts such as daylight saving are not counted.
 */
export function longestGapMinutes(schedule: string): number | undefined {
  if (cache.has(schedule)) return cache.get(schedule);
  if (cronScheduleProblems(schedule).length > 0) throw new Error(`not a valid cron schedule: '${schedule}'`);
  const f = parse(schedule);
  const times = f.hours.flatMap((h) => f.minutes.map((m) => h * 60 + m));
  let withinDay = 0;
  for (let i = 1; i < times.length; i++) withinDay = Math.max(withinDay, times[i] - times[i - 1]);
  let longest: number | undefined;
  let lastRun: number | undefined;
  for (let d = 0; d < DAYS_SCANNED; d++) {
    if (!runsOn(f, new Date(SCAN_START + d * MINUTES_PER_DAY * 60_000))) continue;
    const first = d * MINUTES_PER_DAY + times[0];
    if (lastRun !== undefined) longest = Math.max(longest ?? 0, first - lastRun, withinDay);
    lastRun = d * MINUTES_PER_DAY + times[times.length - 1];
  }
  cache.set(schedule, longest);
  return longest;
}

/** `3 DAYS 4 HOURS`-style text of a duration in minutes, for messages. */
export function describeMinutes(minutes: number): string {
  const days = Math.floor(minutes / MINUTES_PER_DAY);
  const hours = Math.floor((minutes % MINUTES_PER_DAY) / 60);
  const mins = minutes % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} day${days === 1 ? '' : 's'}`);
  if (hours) parts.push(`${hours} hour${hours === 1 ? '' : 's'}`);
  if (mins || parts.length === 0) parts.push(`${mins} minute${mins === 1 ? '' : 's'}`);
  return parts.join(' ');
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * The first minute both schedules start in (e.g. `Wed 2024-01-03 04:00`), scanning the same years
 * as longestGapMinutes; undefined when they never share one. Both must be valid.
 */
export function firstSharedStart(a: string, b: string): string | undefined {
  const fa = parse(a);
  const fb = parse(b);
  const hours = fa.hours.filter((h) => fb.hours.includes(h));
  const minutes = fa.minutes.filter((m) => fb.minutes.includes(m));
  if (hours.length === 0 || minutes.length === 0) return undefined;
  for (let d = 0; d < DAYS_SCANNED; d++) {
    const day = new Date(SCAN_START + d * MINUTES_PER_DAY * 60_000);
    if (!runsOn(fa, day) || !runsOn(fb, day)) continue;
    const hh = String(hours[0]).padStart(2, '0');
    const mm = String(minutes[0]).padStart(2, '0');
    return `${DAY_NAMES[day.getUTCDay()]} ${day.toISOString().slice(0, 10)} ${hh}:${mm}`;
  }
  return undefined;
}
