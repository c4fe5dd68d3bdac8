import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './config';
import { systemClock, type Clock } from './workflow/clock';

/** Injection token for the clock. */
export const CLOCK = Symbol('CLOCK');

/**
 * The test-only clock (`TEST_CLOCK_AT`, refused by production config): it stands at the configured instant
 * until a test moves it, so deadlines and pollers are driven with fixed, hand-checked dates.
 */
export class SettableClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const clockProvider: Provider = {
  provide: CLOCK,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): Clock => (config.testClockAt ? new SettableClock(config.testClockAt) : systemClock),
};
