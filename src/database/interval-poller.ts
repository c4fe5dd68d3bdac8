import { Logger } from '@nestjs/common';
import type { SchedulerRegistry } from '@nestjs/schedule';

/**
 * A named poll registered with @nestjs/schedule: one run at a time (a slow run is never overlapped by the
 * next), failures logged, and the last run awaited on shutdown. Deadlines are database columns read by
 * polls like this one, never machine timers (docs/architecture.md §10, XState).
 */
export class IntervalPoller {
  private readonly logger: Logger;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly scheduler: SchedulerRegistry,
    private readonly name: string,
    private readonly run: () => Promise<unknown>,
  ) {
    this.logger = new Logger(name);
  }

  start(everyMs: number): void {
    const timer = setInterval(() => {
      this.running ??= this.run()
        .catch((error: unknown) => this.logger.error(`poll failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => (this.running = undefined));
    }, everyMs);
    timer.unref();
    this.scheduler.addInterval(this.name, timer);
  }

  async stop(): Promise<void> {
    if (this.scheduler.doesExist('interval', this.name)) this.scheduler.deleteInterval(this.name);
    await this.running;
  }
}
