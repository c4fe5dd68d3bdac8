import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { AuthorityEntity } from '../auth/authority.entity';
import type { Principal } from '../auth/principal';
import type { ApplicationForm, ApplicationState, AuthorisationDecision, RecordRoute } from '../workflow/application.types';
import type { AuthorityType } from '../workflow/roles';
import { ApplicationEntity } from './application.entity';
import { restrictToNeedToKnow } from './need-to-know';

/** What a disclosure request reads of its application: the authorisation, its validity and what it authorised. */
export interface ApplicationForDisclosure {
  id: string;
  urn: string;
  authorityId: string;
  authorityName: string;
  authorityType: AuthorityType;
  applicantId: string;
  route: RecordRoute | null;
  status: ApplicationState;
  validFrom: Date | null;
  expiresAt: Date | null;
  /** The form as authorised: its identifiers and data items are what a request may ask for (docs/law.md §3.3–§3.4). */
  form: ApplicationForm;
  decision: AuthorisationDecision | null;
}

/**
 * The read interface applications offer later features (docs/architecture.md §3: cross-feature links are ids; a
 * feature reads another's facts through what the owner provides, and never changes its rows).
 */
@Injectable()
export class ApplicationLookup {
  /** The URN of each of `ids` that is an application of `authorityId` (others are simply absent). */
  async urnsOf(manager: EntityManager, authorityId: string, ids: readonly string[]): Promise<Map<string, string>> {
    return new Map([...(await this.authorisationsOf(manager, authorityId, ids))].map(([id, a]) => [id, a.urn]));
  }

  /** The URN and the authorisation's validity of each of `ids` that is an application of `authorityId`, in one query. */
  async authorisationsOf(
    manager: EntityManager,
    authorityId: string,
    ids: readonly string[],
  ): Promise<Map<string, { urn: string; validFrom: Date | null; expiresAt: Date | null }>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.find(ApplicationEntity, { where: { id: In([...ids]), authorityId }, select: { id: true, urn: true, validFrom: true, expiresAt: true } });
    return new Map(rows.map((r) => [r.id, { urn: r.urn, validFrom: r.validFrom, expiresAt: r.expiresAt }]));
  }

  /**
   * The application `id` as a disclosure request reads it, or null when the caller may not see it: the
   * caller's need-to-know is the application's (need-to-know.ts), so a request is never a way round it.
   * Without a principal (the outbox's own work) it is read by id alone.
   */
  async forDisclosure(manager: EntityManager, id: string, principal: Principal | null): Promise<ApplicationForDisclosure | null> {
    const qb = manager.createQueryBuilder(ApplicationEntity, 'a').where('a.id = :id', { id });
    const row = await (principal ? restrictToNeedToKnow(qb, principal) : qb).getOne();
    if (!row) return null;
    const authority = await manager.findOneByOrFail(AuthorityEntity, { id: row.authorityId });
    return {
      id: row.id,
      urn: row.urn,
      authorityId: row.authorityId,
      authorityName: authority.name,
      authorityType: authority.type,
      applicantId: row.applicantId,
      route: row.route,
      status: row.status,
      validFrom: row.validFrom,
      expiresAt: row.expiresAt,
      form: row.form,
      decision: row.decision,
    };
  }
}
