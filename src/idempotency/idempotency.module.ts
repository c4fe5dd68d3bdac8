import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyService } from './idempotency.service';

/** The idempotency store's table, registered with the data source by this module (docs/architecture.md §3). */
export const IDEMPOTENCY_ENTITIES = [IdempotencyKeyEntity];

@Module({
  imports: [TypeOrmModule.forFeature(IDEMPOTENCY_ENTITIES)],
  providers: [IdempotencyService, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
  // The web pages' forms carry their key in a hidden field and use the same store (src/web/form-commands.ts).
  exports: [IdempotencyService],
})
export class IdempotencyModule {}
