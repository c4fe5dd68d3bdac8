import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { Principal } from '../auth/principal';
import { RIPA_RECORD_STATE, RIPA_ROUTE, type RipaRecordParticulars } from '../workflow/ripa-record.types';
import { ApplicationHistory } from './application-history';
import { ApplicationEntity } from './application.entity';
import { insertNewRecord } from './application-rows';
import { ApplicationsRepository } from './applications.repository';

/** Where in an upload a record came from: a CSV line, or an index of a JSON array; records imported together share `batchId`. */
export type ImportSource = { batchId: string; format: 'csv'; line: number } | { batchId: string; format: 'json'; index: number };

/** An imported record as this service now holds it. */
export interface ImportedRecord {
  id: string;
  urn: string;
}

/**
 * The write interface applications offer for records made before the service, outside its workflow (a
 * feature never writes another's rows: docs/architecture.md §3). A record made under RIPA 2000 s.22 becomes
 * an application row on the `ripa22` route in `ripaRecord`, a state no event leaves (docs/architecture.md
 * §12: one workflow core), with one `imported` history row saying what was imported, by whom and when
 * (docs/architecture.md §11). Every method runs inside the caller's transaction.
 */
@Injectable()
export class ApplicationImports {
  constructor(
    private readonly repo: ApplicationsRepository,
    private readonly history: ApplicationHistory,
  ) {}

  /** The URN of each of `references` already imported into `authorityId`, keyed by reference (others are absent). */
  async ripaReferencesImported(manager: EntityManager, authorityId: string, references: readonly string[]): Promise<Map<string, string>> {
    if (references.length === 0) return new Map();
    const rows = await manager.find(ApplicationEntity, {
      where: { authorityId, ripaReference: In([...references]) },
      select: { ripaReference: true, urn: true },
    });
    return new Map(rows.flatMap((row) => (row.ripaReference === null ? [] : [[row.ripaReference, row.urn] as const])));
  }

  /**
   * Stores one record into the importer's own authority, with a URN of that authority like any record made
   * here (the original reference is kept beside it). A second record with the same original reference in
   * the authority fails on the unique index, whatever else is running (a unique violation for the caller).
   */
  async importRipaRecord(
    tx: EntityManager,
    importer: Principal,
    record: RipaRecordParticulars,
    source: ImportSource,
    now: Date,
  ): Promise<ImportedRecord> {
    const row = await insertNewRecord(tx, { repo: this.repo, history: this.history }, importer, now, {
      // The record has no applicant among this service's users (the RIPA applicant is named in `ripa`): the
      // importer holds it, as the applicant of record holds an application made here.
      kind: 'imported',
      status: RIPA_RECORD_STATE,
      route: RIPA_ROUTE,
      form: {},
      renewalOf: null,
      ripa: record,
      payload: { ripa: record, source },
    });
    return { id: row.id, urn: row.urn };
  }
}
