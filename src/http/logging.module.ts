import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AppConfig } from '../config';
import { createLogger, LOGGER, PinoNestLogger } from './logging';

/**
 * The application's pino logger and Nest's LoggerService over it, visible everywhere. `logger` is given by
 * main (the one Nest boots with) and by the tests that capture what is logged; otherwise one is made from the
 * configuration, writing to stdout.
 */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, logger: Logger = createLogger(config)): DynamicModule {
    return {
      module: LoggingModule,
      providers: [
        { provide: LOGGER, useValue: logger },
        { provide: PinoNestLogger, useValue: new PinoNestLogger(logger) },
      ],
      exports: [LOGGER, PinoNestLogger],
    };
  }
}
