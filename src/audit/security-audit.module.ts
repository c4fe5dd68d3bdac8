import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { InspectorReadsInterceptor } from './inspector-reads.interceptor';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DENIAL_RECORDER } from '../http/denials';
import { SecurityAuditController } from './security-audit.controller';
import { SecurityAuditService } from './security-audit.service';
import { SecurityEventEntity, SecurityStreamEntity } from './security-event.entity';

/** The security audit stream's tables, registered with the data source by this module (docs/architecture.md §3). */
export const SECURITY_AUDIT_ENTITIES = [SecurityEventEntity, SecurityStreamEntity];

/**
 * Global: the exception filters (the API's and the web pages') record denials through {@link DENIAL_RECORDER},
 * and every feature that hands over a record's content records the view.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(SECURITY_AUDIT_ENTITIES)],
  controllers: [SecurityAuditController],
  providers: [
    SecurityAuditService,
    { provide: DENIAL_RECORDER, useExisting: SecurityAuditService },
    { provide: APP_INTERCEPTOR, useClass: InspectorReadsInterceptor },
  ],
  exports: [SecurityAuditService, DENIAL_RECORDER],
})
export class SecurityAuditModule {}
