import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuthorityEntity } from '../auth/authority.entity';
import type { Principal } from '../auth/principal';
import { UserEntity } from '../auth/user.entity';
import type { ActorFacts } from '../workflow/core/actor';
import type { ApplicationState, PriorityGrade } from '../workflow/application.types';
import { ApplicationEntity } from './application.entity';
import { compilable, needToKnowShape, restrictToNeedToKnow } from './need-to-know';
import { selectRows } from '../database/select-rows';
import { compiledRows, hydrate, selectEveryColumn } from '../database/compiled-select';

/** What `GET /applications` (and the SPOC's work queue, src/web/spoc) narrows the caller's applications by. */
export interface ApplicationListFilter {
  status?: ApplicationState;
  /** The form's priority grade (docs/law.md §3.1). */
  priorityGrade?: PriorityGrade;
  /** Last changed (any event or edit) before this instant. */
  updatedBefore?: Date;
  page: number;
  pageSize: number;
}

/**
 * The form's priority grade in SQL. The form is JSON in a text column on both databases (simple-json), so each
 * reads the member with its own JSON function; the queue filters one authority's applications, so no index.
 */
function priorityGradeSql(manager: EntityManager, alias: string): string {
  return manager.connection.driver.options.type === 'postgres'
    ? `(${alias}.form::json ->> 'priorityGrade')`
    : `json_extract(${alias}.form, '$.priorityGrade')`;
}

/** Reads of applications, always through need-to-know. */
@Injectable()
export class ApplicationsRepository {
  async findVisible(manager: EntityManager, principal: Principal, id: string): Promise<ApplicationEntity | null> {
    if (!compilable(principal)) return restrictToNeedToKnow(manager.createQueryBuilder(ApplicationEntity, 'a'), principal).andWhere('a.id = :id', { id }).getOne();
    // Compiled once per set of roles (the one thing besides the values that shapes need-to-know's SQL).
    const rows = await compiledRows<Record<string, unknown>, 'id' | 'me' | 'authority'>(
      manager,
      `application-visible:${needToKnowShape(principal)}`,
      (slots) =>
        restrictToNeedToKnow(selectEveryColumn(manager.createQueryBuilder(ApplicationEntity, 'a'), ApplicationEntity, 'a'), {
          roles: principal.roles,
          id: slots.me,
          authorityId: slots.authority,
        })
          .andWhere('a.id = :id', { id: slots.id }),
      { id, me: principal.id, authority: principal.authorityId },
    );
    return rows.length === 0 ? null : hydrate(manager, ApplicationEntity, rows[0]);
  }

  async listVisible(manager: EntityManager, principal: Principal, filter: ApplicationListFilter): Promise<{ rows: ApplicationEntity[]; total: number }> {
    const qb = restrictToNeedToKnow(manager.createQueryBuilder(ApplicationEntity, 'a'), principal);
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.priorityGrade) qb.andWhere(`${priorityGradeSql(manager, 'a')} = :priorityGrade`, { priorityGrade: filter.priorityGrade });
    // Instants are fixed-width ISO strings (src/database/instant.transformer.ts): a string comparison is a time comparison.
    if (filter.updatedBefore) qb.andWhere('a.updated_at < :updatedBefore', { updatedBefore: filter.updatedBefore.toISOString() });
    const [rows, total] = await qb
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { rows, total };
  }

  async teamMemberIds(manager: EntityManager, applicationId: string): Promise<string[]> {
    const rows = await selectRows<{ user_id: string }>(manager, 'SELECT user_id FROM application_team_member WHERE application_id = $1', [applicationId]);
    return rows.map((r) => r.user_id);
  }

  authority(manager: EntityManager, id: string): Promise<AuthorityEntity> {
    return manager.findOneByOrFail(AuthorityEntity, { id });
  }

  /**
   * The active designated senior officers of an authority, as the guards see a decider (the facts
   * ApplicationEventsService loads for a named decider): who may be named for a DSO route's decision.
   */
  async designatedSeniorOfficers(manager: EntityManager, authorityId: string): Promise<ActorFacts[]> {
    const authority = await manager.findOneBy(AuthorityEntity, { id: authorityId, active: true });
    if (!authority) return [];
    const users = await manager.find(UserEntity, { where: { authorityId, active: true }, order: { displayName: 'ASC', id: 'ASC' } });
    return users
      .filter((user) => user.roles.includes('dso'))
      .map((user) => ({
        id: user.id,
        roles: [...user.roles],
        authorityId: authority.id,
        authorityType: authority.type,
        rank: user.rank,
        spocPin: user.spocPin,
        displayName: user.displayName,
      }));
  }
}
