import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApplicationLookup } from '../../applications/public-api';
import { SCHEDULER } from '../../auth/actor';
import { OutboxRelay } from '../../outbox/outbox-relay.service';
import type { OutboxEvent } from '../../outbox/outbox';
import { disclosureRequestEngine } from '../../workflow/disclosure-request.engine';
import { DisclosureRequestEntity } from './disclosure-request.entity';
import { DisclosureRequestsService } from './disclosure-requests.service';

/** The application's outbox event for every transition (application-events.service.ts). */
const APPLICATION_TRANSITIONED = 'applicationTransitioned';

/** The application states in which nothing more may be obtained under it (IPA s.65(1), (3A)–(4)). */
const ENDED = new Set(['cancelled', 'expired']);

/**
 * When an authorisation is cancelled or expires, its open requests are cancelled too, by the system, each
 * marked for the CSP to be told (docs/law.md §2.5): through the outbox, so applications never calls this
 * feature. The outbox runs a handler once per event id, and a request already ended is left alone, so a
 * second delivery changes nothing.
 */
@Injectable()
export class ApplicationEndHandler implements OnModuleInit {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly applications: ApplicationLookup,
    private readonly requests: DisclosureRequestsService,
  ) {}

  onModuleInit(): void {
    this.relay.register({
      name: 'disclosures.applicationEnded',
      type: APPLICATION_TRANSITIONED,
      // Only the end of an authorisation: every other transition's event is recorded as dispatched when written.
      wants: (payload) => typeof payload.to === 'string' && ENDED.has(payload.to),
      handle: (tx, e) => this.handle(tx, e),
    });
  }

  private async handle(tx: EntityManager, event: OutboxEvent): Promise<void> {
    const { applicationId, to, event: cause } = event.payload;
    if (typeof applicationId !== 'string' || typeof to !== 'string' || !ENDED.has(to)) return;
    const application = await this.applications.forDisclosure(tx, applicationId, null);
    if (!application) return;
    const rows = await tx.find(DisclosureRequestEntity, { where: { applicationId }, order: { createdAt: 'ASC', id: 'ASC' } });
    for (const row of rows) {
      if (!disclosureRequestEngine.definedEvents(row.status).includes('CANCEL')) continue;
      const reason = `The authorisation ${to === 'expired' ? 'expired' : 'was cancelled'} (${String(cause)}): nothing more may be obtained under it.`;
      await this.requests.transitionIn(tx, SCHEDULER, row, application, { type: 'CANCEL', reason });
    }
  }
}
