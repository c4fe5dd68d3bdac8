import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApplicationImports, type ImportSource } from '../applications/public-api';
import type { Principal } from '../auth/principal';
import { CLOCK } from '../clock.provider';
import { isUniqueViolation } from '../database/query-errors';
import { UnitOfWork } from '../database/unit-of-work';
import type { FieldError } from '../http/domain-exception';
import type { Clock } from '../workflow/clock';
import { parseRipaUpload, uploadFormat, type RecordPosition } from './ripa-import.parser';
import { toRipaImportResult, type ImportedItem, type RipaImportResult } from './ripa-import.mapper';
import { importRefused } from './ripa-import.refusal';
import { validateRecords, type ValidRecord } from './ripa-import.validation';

/** An original reference already held by the authority, named at the record that repeats it. */
function alreadyImported(at: RecordPosition, reference: string, urn: string | null): FieldError {
  const held = urn === null ? 'by another import that has just finished' : `as ${urn}`;
  return { ...at, field: 'originalReference', code: 'notAlreadyImported', message: `originalReference "${reference}" was already imported into this authority, ${held}` };
}

/**
 * `POST /admin/ripa-records`: records made under RIPA 2000 Part 1 Chapter 2 (RIPA s.22(3)–(4)) imported into
 * the caller's own authority, all or nothing. The upload is read and every record validated before the
 * transaction; inside it, the authority's references are checked and every record is stored through
 * applications' import interface, in one transaction (docs/architecture.md §4), so a refusal stores nothing.
 */
@Injectable()
export class RipaImportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly imports: ApplicationImports,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  import(principal: Principal, contentType: string | undefined, body: unknown): Promise<RipaImportResult> {
    const now = this.clock.now();
    const upload = parseRipaUpload(uploadFormat(contentType), body);
    const { valid, errors } = validateRecords(upload.records, now);
    if (upload.errors.length > 0 || errors.length > 0) throw importRefused([...upload.errors, ...errors]);
    return this.uow.run(async (tx) => {
      await this.refuseReferencesHeld(tx, principal.authorityId, valid);
      const batchId = randomUUID();
      const items: ImportedItem[] = [];
      for (const { at, record } of valid) {
        const source: ImportSource = 'line' in at ? { batchId, format: 'csv', line: at.line } : { batchId, format: 'json', index: at.index };
        try {
          const saved = await this.imports.importRipaRecord(tx, principal, record, source, now);
          items.push({ ...saved, at, originalReference: record.originalReference });
        } catch (error) {
          // Another import of the same reference committed after the check above (the unique index saw it).
          if (isUniqueViolation(error)) throw importRefused([alreadyImported(at, record.originalReference, null)]);
          throw error;
        }
      }
      return toRipaImportResult(batchId, items);
    });
  }

  /** Nothing crosses authorities: a reference is taken only if the caller's own authority holds it. */
  private async refuseReferencesHeld(tx: EntityManager, authorityId: string, records: readonly ValidRecord[]): Promise<void> {
    const held = await this.imports.ripaReferencesImported(tx, authorityId, records.map((r) => r.record.originalReference));
    const clashes = records.flatMap(({ at, record }) => {
      const urn = held.get(record.originalReference);
      return urn === undefined ? [] : [alreadyImported(at, record.originalReference, urn)];
    });
    if (clashes.length > 0) throw importRefused(clashes);
  }
}
