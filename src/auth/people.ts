import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { DisplayNames } from '../common/person-ref';
import { SCHEDULER } from './actor';
import { UserEntity } from './user.entity';

/**
 * The read interface features use to name people (docs/architecture.md §3: a feature reads another part's
 * facts through what the owner provides). Provided once, by PrincipalsModule.
 */
@Injectable()
export class People {
  /**
   * The display name of each of `ids`: users whether active or not (a record names whoever acted, even
   * after they left), and the deadline scheduler by its own name. Unknown ids are simply absent.
   */
  async displayNames(manager: EntityManager, ids: Iterable<string>): Promise<DisplayNames> {
    const wanted = [...new Set(ids)].filter((id) => id !== SCHEDULER.id);
    const users = wanted.length ? await manager.find(UserEntity, { where: { id: In(wanted) }, select: { id: true, displayName: true } }) : [];
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    names.set(SCHEDULER.id, SCHEDULER.displayName);
    return names;
  }
}
