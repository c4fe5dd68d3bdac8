import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import type { Logger } from 'pino';
import { VersionETagInterceptor } from './http/version-etag';
import { ScheduleModule } from '@nestjs/schedule';
import { ApplicationsModule } from './applications/applications.module';
import { AuthModule } from './auth/auth.module';
import { clockProvider } from './clock.provider';
import { APP_CONFIG, type AppConfig } from './config';
import { CheckpointsModule } from './database/checkpoints/checkpoints.module';
import { DatabaseModule } from './database/database.module';
import { DisclosuresModule } from './disclosures/disclosures.module';
import { ErrorsModule } from './errors/errors.module';
import { HealthController } from './http/health.controller';
import { JsonOnlyInterceptor } from './http/json-only.interceptor';
import { LoggingModule } from './http/logging.module';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { HousekeepingModule } from './housekeeping/housekeeping.module';
import { RetentionModule } from './retention/public-api';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { SecurityAuditModule } from './audit/security-audit.module';
import { OutboxModule } from './outbox/outbox.module';
import { ProductsModule } from './products/products.module';
import { ReportingModule } from './reporting/reporting.module';
import { RipaModule } from './ripa/ripa.module';
import { WebModule } from './web/web.module';

/** Configuration and the clock, visible everywhere. */
@Global()
@Module({})
class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, clockProvider],
      exports: [APP_CONFIG, clockProvider],
    };
  }
}

@Module({})
export class AppModule {
  /** `logger`: the pino logger to write to (main's, or a test's capture); by default one on stdout from the config. */
  static forRoot(config: AppConfig, logger?: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        LoggingModule.forRoot(config, logger),
        ScheduleModule.forRoot(),
        DatabaseModule.forRoot(config),
        CheckpointsModule,
        OutboxModule,
        IdempotencyModule,
        SecurityAuditModule,
        HousekeepingModule,
        AuthModule.forRoot(config),
        ApplicationsModule,
        ErrorsModule,
        RipaModule,
        DisclosuresModule,
        ProductsModule,
        ReportingModule,
        RetentionModule,
        WebModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: JsonOnlyInterceptor },
        // Ahead of the idempotency interceptor (the root module's are installed first), so a replayed
        // write carries its ETag too.
        { provide: APP_INTERCEPTOR, useClass: VersionETagInterceptor },
      ],
    };
  }
}
