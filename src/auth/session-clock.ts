import type { Provider } from '@nestjs/common';
import { SettableClock } from '../clock.provider';
import { APP_CONFIG, type AppConfig } from '../config';
import { systemClock, type Clock } from '../workflow/clock';

/** Injection token for the sessions' clock: token times, idle and absolute limits. */
export const SESSION_CLOCK = Symbol('SESSION_CLOCK');

/**
 * The system clock, or in tests one that stands at `TEST_SESSION_CLOCK_AT` until moved. Apart from the
 * domain's clock: tests move that one by days to reach legal deadlines, while a session's limits are the
 * user's real elapsed time.
 */
export const sessionClockProvider: Provider = {
  provide: SESSION_CLOCK,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): Clock => (config.testSessionClockAt ? new SettableClock(config.testSessionClockAt) : systemClock),
};
