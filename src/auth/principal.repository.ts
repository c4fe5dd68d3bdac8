import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuthorityEntity } from './authority.entity';
import type { Principal } from './principal';
import { UserEntity } from './user.entity';

/** Loads an active user of an active authority as a Principal. */
@Injectable()
export class PrincipalRepository {
  async findActive(manager: EntityManager, where: { id: string } | { username: string }): Promise<
    { principal: Principal; passwordHash: string } | null
  > {
    const user = await manager.findOne(UserEntity, { where: { ...where, active: true } });
    if (!user) return null;
    const authority = await manager.findOne(AuthorityEntity, { where: { id: user.authorityId, active: true } });
    if (!authority) return null;
    return {
      principal: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        roles: user.roles,
        authorityId: authority.id,
        authorityType: authority.type,
        rank: user.rank,
        spocPin: user.spocPin,
      },
      passwordHash: user.passwordHash,
    };
  }
}
