import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DisplayNames } from '../common/person-ref';
import { SCHEDULER } from './actor';
import { placeholders } from '../database/sql-placeholders';
import { selectRows } from '../database/select-rows';

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
    const users = wanted.length
      ? await selectRows<{ id: string; display_name: string }>(manager, `SELECT id, display_name FROM user_account WHERE id IN (${placeholders(manager, wanted.length)})`, wanted)
      : [];
    const names = new Map(users.map((u) => [u.id, u.display_name]));
    names.set(SCHEDULER.id, SCHEDULER.displayName);
    return names;
  }
}
