import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuthorityEntity } from '../auth/authority.entity';
import type { Principal } from '../auth/principal';
import { updateVersioned } from '../database/versioned-update';
import { NotFoundDomainException } from '../http/domain-exception';
import type { CdErrorState } from '../workflow/cd-error.types';
import { addWorkingDays } from '../workflow/working-days';
import { staleError } from './cd-error-history';
import { CdErrorEntity } from './cd-error.entity';
import type { ListCdErrorsQuery } from './cd-error.dto';

/** The states in which a report is due to the IPC and can be overdue. */
const AWAITING_REPORT: readonly CdErrorState[] = ['assessed', 'sroSighted'];

/**
 * The register's queries, in the caller's transaction (the `EntityManager` it passes). Need-to-know: only
 * the caller's authority's entries are ever found.
 */
@Injectable()
export class CdErrorsRepository {
  async visibleOrNotFound(manager: EntityManager, principal: Principal, id: string): Promise<CdErrorEntity> {
    const row = await manager.findOneBy(CdErrorEntity, { id, authorityId: principal.authorityId });
    if (!row) throw new NotFoundDomainException('The error entry');
    return row;
  }

  findBySource(manager: EntityManager, source: { type: string; eventId: string }): Promise<CdErrorEntity | null> {
    return manager.findOneBy(CdErrorEntity, { sourceType: source.type, sourceEventId: source.eventId });
  }

  /** One page of the authority's entries, newest first; `now` decides what is overdue or due soon. */
  async list(manager: EntityManager, authorityId: string, q: ListCdErrorsQuery, now: Date): Promise<{ rows: CdErrorEntity[]; total: number }> {
    const due = 'COALESCE(e.agreed_due_at, e.report_due_at)';
    const qb = manager.createQueryBuilder(CdErrorEntity, 'e').where('e.authority_id = :authority', { authority: authorityId });
    if (q.status) qb.andWhere('e.status = :status', { status: q.status });
    if (q.kind) qb.andWhere('e.kind = :kind', { kind: q.kind });
    if (q.cause) qb.andWhere('e.cause_code = :cause', { cause: q.cause });
    if (q.from) qb.andWhere('e.created_at >= :from', { from: new Date(q.from).toISOString() });
    if (q.to) qb.andWhere('e.created_at < :to', { to: new Date(q.to).toISOString() });
    if (q.overdue !== undefined || q.dueWithinWorkingDays !== undefined) {
      qb.andWhere('e.status IN (:...awaiting)', { awaiting: AWAITING_REPORT });
    }
    if (q.overdue === true) qb.andWhere(`${due} < :now`, { now: now.toISOString() });
    if (q.overdue === false) qb.andWhere(`(${due} IS NULL OR ${due} >= :now)`, { now: now.toISOString() });
    if (q.dueWithinWorkingDays !== undefined) {
      const until = q.dueWithinWorkingDays === 0 ? now : addWorkingDays(now, q.dueWithinWorkingDays);
      qb.andWhere(`${due} >= :now AND ${due} <= :until`, { now: now.toISOString(), until: until.toISOString() });
    }
    const [rows, total] = await qb
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { rows, total };
  }

  async insert(tx: EntityManager, row: CdErrorEntity): Promise<void> {
    await tx.insert(CdErrorEntity, row);
  }

  /** The conditional UPDATE on the version: 409 `CD_ERROR_STALE` when someone got there first. */
  saveVersioned(tx: EntityManager, row: CdErrorEntity, changes: Partial<CdErrorEntity>): Promise<CdErrorEntity> {
    return updateVersioned(tx, CdErrorEntity, row, changes, staleError);
  }

  authority(manager: EntityManager, id: string): Promise<AuthorityEntity> {
    return manager.findOneByOrFail(AuthorityEntity, { id });
  }
}
