import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuthorityEntity } from '../auth/authority.entity';
import type { Principal } from '../auth/principal';
import type { ApplicationState } from '../workflow/application.types';
import { ApplicationTeamMemberEntity } from './application-team-member.entity';
import { ApplicationEntity } from './application.entity';
import { restrictToNeedToKnow } from './need-to-know';

/** Reads of applications, always through need-to-know. */
@Injectable()
export class ApplicationsRepository {
  findVisible(manager: EntityManager, principal: Principal, id: string): Promise<ApplicationEntity | null> {
    return restrictToNeedToKnow(manager.createQueryBuilder(ApplicationEntity, 'a'), principal)
      .andWhere('a.id = :id', { id })
      .getOne();
  }

  async listVisible(
    manager: EntityManager,
    principal: Principal,
    filter: { status?: ApplicationState; page: number; pageSize: number },
  ): Promise<{ rows: ApplicationEntity[]; total: number }> {
    const qb = restrictToNeedToKnow(manager.createQueryBuilder(ApplicationEntity, 'a'), principal);
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    const [rows, total] = await qb
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { rows, total };
  }

  async teamMemberIds(manager: EntityManager, applicationId: string): Promise<string[]> {
    const rows = await manager.find(ApplicationTeamMemberEntity, { where: { applicationId } });
    return rows.map((r) => r.userId);
  }

  authority(manager: EntityManager, id: string): Promise<AuthorityEntity> {
    return manager.findOneByOrFail(AuthorityEntity, { id });
  }
}
