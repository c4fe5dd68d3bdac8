import { londonOffsetMinutes } from '../../workflow/london-time';

/** The zones a date-time input offers: UK time (GMT or BST as the date falls) or UTC, always said explicitly. */
export const INPUT_ZONES = ['Europe/London', 'UTC'] as const;
export type InputZone = (typeof INPUT_ZONES)[number];

/** What a GOV.UK date input and a time input post, by field name suffix: `-day`, `-month`, `-year`, `-hour`, `-minute`, `-zone`. */
export interface DateTimeParts {
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
  zone: string;
}

export type DateTimeResult = { ok: true; iso: string } | { ok: false; message: string } | { ok: true; iso: null };

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The parts of a date-time input named `name` in a posted form. */
export function dateTimeParts(body: Record<string, unknown>, name: string): DateTimeParts {
  const part = (suffix: string): string => {
    const value = body[`${name}-${suffix}`];
    return typeof value === 'string' ? value.trim() : '';
  };
  return { day: part('day'), month: part('month'), year: part('year'), hour: part('hour'), minute: part('minute'), zone: part('zone') || 'Europe/London' };
}

/** The parts of an instant for showing it again in the inputs, in UK time. */
export function partsOf(iso: string | null | undefined): DateTimeParts | null {
  if (!iso) return null;
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return null;
  const wall = new Date(instant.getTime() + londonOffsetMinutes(instant) * 60_000);
  return {
    day: String(wall.getUTCDate()),
    month: String(wall.getUTCMonth() + 1),
    year: String(wall.getUTCFullYear()),
    hour: pad(wall.getUTCHours()),
    minute: pad(wall.getUTCMinutes()),
    zone: 'Europe/London',
  };
}

/**
 * A date and time typed in a named zone as an ISO 8601 instant with its offset (the API's format), or what is
 * wrong with it in words. In UK time the offset is the one in force at that wall-clock time: a time that does
 * not exist (the hour skipped when clocks go forward) is refused, and one that happens twice (the hour repeated
 * when they go back) is refused too, asking for UTC, because guessing would put a request an hour out.
 * All parts empty means "not given" (`iso: null`).
 */
export function parseDateTime(parts: DateTimeParts, label: string): DateTimeResult {
  const { day, month, year, hour, minute, zone } = parts;
  if ([day, month, year, hour, minute].every((p) => p === '')) return { ok: true, iso: null };
  if ([day, month, year].some((p) => p === '')) return { ok: false, message: `${label} must include a day, month and year` };
  if ([hour, minute].some((p) => p === '')) return { ok: false, message: `${label} must include an hour and minute (24-hour clock)` };
  if (![day, month, year, hour, minute].every((p) => /^\d+$/.test(p))) return { ok: false, message: `${label} must be written in numbers` };
  const [d, mo, y, h, mi] = [day, month, year, hour, minute].map(Number);
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return { ok: false, message: `${label} must be a real date and time` };
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return { ok: false, message: `${label} must be a real date` };
  if (!(INPUT_ZONES as readonly string[]).includes(zone)) return { ok: false, message: `${label} must say whether it is UK time or UTC` };
  if (zone === 'UTC') return { ok: true, iso: `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00+00:00` };
  // The UK offsets that could apply (GMT, BST); keep those under which this wall-clock time is that instant's UK time.
  const candidates = [0, 60].filter((offset) => londonOffsetMinutes(new Date(wall - offset * 60_000)) === offset);
  if (candidates.length === 0) return { ok: false, message: `${label} does not exist in UK time (the clocks went forward then): give it in UTC` };
  if (candidates.length > 1) return { ok: false, message: `${label} happened twice in UK time (the clocks went back then): give it in UTC` };
  const offset = candidates[0];
  return { ok: true, iso: `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00${offset === 0 ? '+00:00' : '+01:00'}` };
}
