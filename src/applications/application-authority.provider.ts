import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SUBJECT_AUTHORITY, type SubjectAuthority } from '../audit/subject-authority';
import { selectRows } from '../database/select-rows';

/** Which authority an application belongs to, for filing an inspector's reading of it (src/audit/subject-authority.ts). */
@Injectable()
export class ApplicationAuthority implements SubjectAuthority {
  async authorityOf(manager: EntityManager, subjectId: string): Promise<string | null> {
    const [row] = await selectRows<{ authority_id: string }>(manager, 'SELECT authority_id FROM application WHERE id = $1', [subjectId]);
    return row?.authority_id ?? null;
  }
}

/** Provides it to the whole application: the audit stream, which imports no feature, reads it under the token. */
@Global()
@Module({ providers: [{ provide: SUBJECT_AUTHORITY, useClass: ApplicationAuthority }], exports: [SUBJECT_AUTHORITY] })
export class ApplicationAuthorityModule {}
