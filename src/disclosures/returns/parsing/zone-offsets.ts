/**
 * A wall-clock time in an IANA time zone → the instant it names, or the finding that it names two
 * instants (the hour repeated when the clocks go back) or none (the hour skipped when they go forward).
 * A CSP's file may give times without an offset, to be read in the zone the CSP has declared; a wrong
 * time zone is a recurrent error, above all for IP data (docs/law.md §3.4; CoP06 3.35 fn.53; IPCO-17
 * 14.59), so such a time is never guessed. Offsets come from the platform's tz database through `Intl`,
 * never hand-coded, as in src/workflow/london-time.ts.
 *
 * `Intl` is slow (microseconds a call), so the answer is kept per local hour: every minute of a local
 * hour resolves the same way unless a change of offset falls inside it (Lord Howe Island moves by half
 * an hour), and such an hour is resolved minute by minute, uncached.
 */

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
/** Local hours remembered per zone before the memory is cleared: about five years. */
const HOURS_KEPT = 50_000;
/** Zones remembered before the memory is cleared: the tz database has about 600. */
const ZONES_KEPT = 1_000;

/**
 * How a wall-clock time reads in a zone. Offsets are milliseconds east of UTC. `ambiguous`: it happened
 * twice, first at the larger offset (`earlierOffsetMs`, summer time) and then at the smaller.
 * `nonexistent`: the clocks jumped over it, from `beforeOffsetMs` to `afterOffsetMs`.
 */
export type LocalResolution =
  | { readonly kind: 'ok'; readonly offsetMs: number }
  | { readonly kind: 'ambiguous'; readonly earlierOffsetMs: number; readonly laterOffsetMs: number }
  | { readonly kind: 'nonexistent'; readonly beforeOffsetMs: number; readonly afterOffsetMs: number };

/**
 * The offsets of one IANA zone, with its per-hour memory. Get one with {@link zoneOffsets}, so that every
 * return of a zone shares the memory (docs/law.md §3.4: times are placed, never guessed).
 */
export class ZoneOffsets {
  private readonly formatter: Intl.DateTimeFormat;
  /** Per local hour (local epoch ms / 1 h): its resolution, or null when a change of offset falls inside it. */
  private readonly hours = new Map<number, LocalResolution | null>();
  private lastHour = Number.NaN;
  private lastResolution: LocalResolution | null = null;

  /** @throws RangeError when the platform does not know the zone. */
  constructor(readonly zone: string) {
    this.formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /**
   * The instant(s) of a wall-clock time given as `localMs`: the epoch milliseconds it would be if the
   * zone were UTC (`Date.UTC` of its fields).
   */
  resolve(localMs: number): LocalResolution {
    const hour = Math.floor(localMs / MS_PER_HOUR);
    let resolution: LocalResolution | null | undefined;
    if (hour === this.lastHour) {
      resolution = this.lastResolution;
    } else {
      resolution = this.hours.get(hour);
      if (resolution === undefined) {
        resolution = this.resolveHour(hour * MS_PER_HOUR);
        if (this.hours.size >= HOURS_KEPT) this.hours.clear();
        this.hours.set(hour, resolution);
      }
      this.lastHour = hour;
      this.lastResolution = resolution;
    }
    return resolution ?? this.resolveExactly(localMs);
  }

  /**
   * The resolution shared by the whole local hour starting at `hourStart`, or null when it changes within
   * the hour. Equal answers at the first and the last millisecond mean one answer throughout, because
   * no zone's offset changes twice within two days (so the platform's tz data shows for all its zones,
   * 1900 to 2200), and each change gives a different answer on either side of it.
   */
  private resolveHour(hourStart: number): LocalResolution | null {
    const first = this.resolveExactly(hourStart);
    const last = this.resolveExactly(hourStart + MS_PER_HOUR - 1);
    return sameResolution(first, last) ? first : null;
  }

  /**
   * Every instant whose wall clock is `localMs`. It lies within 14 hours of `localMs`, and the offsets a
   * day either side are the ones before and after any change near it, so those (and the offset at
   * `localMs`) are the only candidates; each is kept when the zone really has it at the instant it gives.
   */
  private resolveExactly(localMs: number): LocalResolution {
    const before = this.offsetAt(localMs - MS_PER_DAY);
    const after = this.offsetAt(localMs + MS_PER_DAY);
    const candidates = new Set([before, this.offsetAt(localMs), after]);
    const valid = [...candidates].filter((offset) => this.offsetAt(localMs - offset) === offset).sort((a, b) => b - a);
    if (valid.length === 1) return { kind: 'ok', offsetMs: valid[0] };
    if (valid.length > 1) return { kind: 'ambiguous', earlierOffsetMs: valid[0], laterOffsetMs: valid[valid.length - 1] };
    return { kind: 'nonexistent', beforeOffsetMs: before, afterOffsetMs: after };
  }

  /** The zone's offset at an instant, in milliseconds east of UTC. */
  private offsetAt(utcMs: number): number {
    const whole = Math.floor(utcMs / 1000) * 1000;
    const fields: Record<string, number> = {};
    for (const part of this.formatter.formatToParts(whole)) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
    return wall - whole;
  }
}

function sameResolution(a: LocalResolution, b: LocalResolution): boolean {
  switch (a.kind) {
    case 'ok':
      return b.kind === 'ok' && a.offsetMs === b.offsetMs;
    case 'ambiguous':
      return b.kind === 'ambiguous' && a.earlierOffsetMs === b.earlierOffsetMs && a.laterOffsetMs === b.laterOffsetMs;
    case 'nonexistent':
      return b.kind === 'nonexistent' && a.beforeOffsetMs === b.beforeOffsetMs && a.afterOffsetMs === b.afterOffsetMs;
  }
}

/** Zones already met, null for a name the platform does not know. */
const zones = new Map<string, ZoneOffsets | null>();

/**
 * The offsets of `zone` (an IANA name such as `Europe/London`), shared by every caller so that the
 * per-hour memory serves them all; null when the platform does not know the zone.
 */
export function zoneOffsets(zone: string): ZoneOffsets | null {
  let offsets = zones.get(zone);
  if (offsets === undefined) {
    try {
      offsets = new ZoneOffsets(zone);
    } catch {
      offsets = null;
    }
    if (zones.size >= ZONES_KEPT) zones.clear();
    zones.set(zone, offsets);
  }
  return offsets;
}
