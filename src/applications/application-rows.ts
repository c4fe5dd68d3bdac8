import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { GENESIS_HASH } from '../database/hash-chain';
import { APPLICATION_MACHINE_VERSION } from '../workflow/application.machine';
import type { ApplicationForm, ApplicationState, RecordRoute } from '../workflow/application.types';
import type { RipaRecordParticulars } from '../workflow/ripa-record.types';
import type { ApplicationHistory } from './application-history';
import { ApplicationEntity } from './application.entity';
import { applicationRowDigest } from './application-row-digest';
import type { ApplicationsRepository } from './applications.repository';
import { insertStatistics } from './application-statistics';
import { recordFormWindows } from './identifier-windows';
import { allocateUrn } from './urn';
import { insertRows } from '../database/insert-rows';

/** What differs between the ways a record comes into being: an application made here, or a record imported. */
export interface FirstRow {
  /** The history row that begins it: `created` (a draft) or `imported` (a record made before the service). */
  kind: 'created' | 'imported';
  status: ApplicationState;
  route: RecordRoute | null;
  form: ApplicationForm;
  renewalOf: string | null;
  ripa: RipaRecordParticulars | null;
  /** What the first history row keeps. */
  payload: unknown;
}

/**
 * Inserts a new record of the actor's authority with its first history row (docs/architecture.md §11), a
 * URN from the authority's counter, its form's identifier windows (docs/architecture.md §6) and its statistics
 * rows (docs/statistics.md §2); the actor is
 * its applicant of record. Runs in the caller's transaction.
 */
export async function insertNewRecord(
  tx: EntityManager,
  deps: { repo: ApplicationsRepository; history: ApplicationHistory },
  actor: Principal,
  now: Date,
  first: FirstRow,
): Promise<ApplicationEntity> {
  const authority = await deps.repo.authority(tx, actor.authorityId);
  const id = randomUUID();
  const row: ApplicationEntity = {
    id,
    urn: await allocateUrn(tx, authority, now),
    authorityId: actor.authorityId,
    applicantId: actor.id,
    spocId: null,
    grantedById: null,
    route: first.route,
    status: first.status,
    machineVersion: APPLICATION_MACHINE_VERSION,
    version: 1,
    form: first.form,
    spocSection: null,
    decision: null,
    oralGrant: false,
    writtenRecordDueAt: null,
    validFrom: null,
    expiresAt: null,
    renewalOf: first.renewalOf,
    submittedForAuthorisationAt: null,
    lastSubmittedForAuthorisationAt: null,
    submittedToOcdaAt: null,
    judicialApprovalRequestedAt: null,
    ripaReference: first.ripa?.originalReference ?? null,
    ripa: first.ripa,
    historyHead: GENESIS_HASH,
    createdAt: now,
    updatedAt: now,
  };
  // The first row commits to the record as inserted (issue 21, item 1), so the row is built before it.
  row.historyHead = await deps.history.append(
    tx,
    {
      aggregateId: id,
      position: 1,
      kind: first.kind,
      fromState: null,
      toState: first.status,
      eventType: null,
      actorId: actor.id,
      deciderId: null,
      actorRoles: [...actor.roles],
      at: now,
      machineVersion: APPLICATION_MACHINE_VERSION,
      guardInputs: null,
      payload: first.payload,
      rowDigest: applicationRowDigest(row),
    },
    GENESIS_HASH,
  );
  await insertRows(tx, ApplicationEntity, row);
  await recordFormWindows(tx, row);
  await insertStatistics(tx, row);
  return row;
}
