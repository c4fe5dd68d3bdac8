/** The only way time enters the domain: passed in, never read (docs/architecture.md §4). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
