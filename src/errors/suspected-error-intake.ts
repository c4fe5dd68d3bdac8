import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WRITTEN_RECORD_OVERDUE } from '../applications/public-api';
import { RETURN_CHECK_FAILED, REVERSE_AUDIT_FINDING } from '../disclosures/public-api';
import { SCHEDULER } from '../auth/actor';
import { OutboxRelay } from '../outbox/outbox-relay.service';
import type { OutboxEvent } from '../outbox/outbox';
import { CdErrorsService } from './cd-errors.service';


const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Turns other features' outbox events into `suspected` register entries linked to their source, once per
 * source event (issue 6, item 3): the outbox runs each handler once per event id, and the register's
 * unique (source type, event id) index makes a second delivery a no-op even if it were not.
 */
@Injectable()
export class SuspectedErrorIntake implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly errors: CdErrorsService,
  ) {}

  onModuleInit(): void {
    this.relay.register({ name: 'cdErrors.returnCheckFailed', type: RETURN_CHECK_FAILED, handle: (tx, e) => this.returnCheckFailed(tx, e) });
    this.relay.register({ name: 'cdErrors.writtenRecordOverdue', type: WRITTEN_RECORD_OVERDUE, handle: (tx, e) => this.writtenRecordOverdue(tx, e) });
    this.relay.register({ name: 'cdErrors.reverseAuditFinding', type: REVERSE_AUDIT_FINDING, handle: (tx, e) => this.reverseAuditFinding(tx, e) });
  }

  /** A line of a CSP's list that matched no authorised, sent request: a possible acquisition without authority. */
  private async reverseAuditFinding(tx: EntityManager, event: OutboxEvent): Promise<void> {
    const p = event.payload;
    const authorityId = str(p.authorityId);
    if (!authorityId) throw new Error(`${REVERSE_AUDIT_FINDING} ${event.id} names no authority`);
    await this.errors.createSuspected(
      tx,
      SCHEDULER,
      authorityId,
      { type: REVERSE_AUDIT_FINDING, eventId: event.id },
      {
        urn: str(p.urn),
        errorDescription: `A reverse audit of a CSP's list of disclosures found a possible acquisition without authority. ${str(p.detail) ?? ''}`.trim(),
        causeCode: 'acquiredWithoutAuthorisation',
      },
      {
        applicationIds: str(p.applicationId) ? [p.applicationId as string] : [],
        disclosureRequestIds: str(p.disclosureRequestId) ? [p.disclosureRequestId as string] : [],
      },
    );
  }

  private async returnCheckFailed(tx: EntityManager, event: OutboxEvent): Promise<void> {
    const p = event.payload;
    const authorityId = str(p.authorityId);
    if (!authorityId) throw new Error(`${RETURN_CHECK_FAILED} ${event.id} names no authority`);
    await this.errors.createSuspected(
      tx,
      SCHEDULER,
      authorityId,
      { type: RETURN_CHECK_FAILED, eventId: event.id },
      {
        urn: str(p.urn),
        errorDescription: `A check on a CSP return failed: ${str(p.check) ?? 'unspecified check'}${str(p.detail) ? ` — ${str(p.detail)}` : ''}.`,
      },
      {
        applicationIds: str(p.applicationId) ? [p.applicationId as string] : [],
        disclosureRequestIds: str(p.disclosureRequestId) ? [p.disclosureRequestId as string] : [],
      },
    );
  }

  private async writtenRecordOverdue(tx: EntityManager, event: OutboxEvent): Promise<void> {
    const p = event.payload;
    const authorityId = str(p.authorityId);
    if (!authorityId) throw new Error(`${WRITTEN_RECORD_OVERDUE} ${event.id} names no authority`);
    await this.errors.createSuspected(
      tx,
      SCHEDULER,
      authorityId,
      { type: WRITTEN_RECORD_OVERDUE, eventId: event.id },
      {
        urn: str(p.urn),
        errorDescription: `The written record of an oral urgent grant was due by ${str(p.dueAt) ?? 'its deadline'} and has not been made.`,
        causeCode: 'lateWrittenNotice',
        responsibleParty: 'designatedSeniorOfficer',
      },
      { applicationIds: str(p.applicationId) ? [p.applicationId as string] : [] },
    );
  }
}
