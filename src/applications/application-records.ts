import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { People } from '../auth/people';
import type { Principal } from '../auth/principal';
import type { DisplayNames, PersonRef } from '../common/person-ref';
import type { VerifyResult } from '../database/hash-chain';
import { objectOr, textOf } from '../database/history-view';
import type {
  ApplicationForm,
  ApplicationState,
  AuthorisationDecision,
  RecordRoute,
  SpocSection,
} from '../workflow/application.types';
import type { RipaRecordParticulars } from '../workflow/ripa-record.types';
import { toConversation, type ConversationEntry } from './application-conversation.mapper';
import { ApplicationHistory } from './application-history';
import { ApplicationLookup } from './application-lookup';
import {
  peopleOf,
  personIdsIn,
  readRow,
  toApplicationHistory,
  type ApplicationHistoryItem,
  type ApplicationHistoryRow,
} from './application-history.mapper';
import { findingsOf } from './application.mapper';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsService } from './applications.service';

/** The findings on the record as `GET /applications/:id` shows them (docs/law.md §3.7 findings). */
export type ApplicationFindings = ReturnType<typeof findingsOf>;

/** A Judicial Commissioner's answer under IPA s.77, from the history row that recorded it. */
export interface JudicialDecision {
  eventType: 'JC_APPROVE' | 'JC_REFUSE';
  /** The history row it comes from. */
  position: number;
  at: Date;
  by: PersonRef;
  judgeName: string | null;
  /** When the judge decided, as recorded (ISO with its offset). */
  decidedAt: string | null;
  /** Why the Commissioner refused. */
  reason: string | null;
}

/** The application's own fields, as stored: codes, ids and instants. */
export interface ApplicationRecordFields {
  id: string;
  urn: string;
  authorityId: string;
  authorityName: string;
  applicantId: string;
  teamMemberIds: string[];
  spocId: string | null;
  grantedById: string | null;
  route: RecordRoute | null;
  status: ApplicationState;
  version: number;
  machineVersion: string;
  form: ApplicationForm;
  spocSection: SpocSection | null;
  decision: AuthorisationDecision | null;
  findings: ApplicationFindings;
  oralGrant: boolean;
  writtenRecordDueAt: Date | null;
  validFrom: Date | null;
  expiresAt: Date | null;
  renewalOf: string | null;
  /** The URN of the application this renews, when it is one the authority holds. */
  renewalOfUrn: string | null;
  submittedForAuthorisationAt: Date | null;
  judicialApprovalRequestedAt: Date | null;
  ripaReference: string | null;
  ripa: RipaRecordParticulars | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The whole record of one application, as applications read it: its fields, the conversation
 * (docs/architecture.md §8), a Judicial Commissioner's answer, every history row with its hashes, and the
 * verification of the chain (docs/architecture.md §11).
 */
export interface ApplicationRecord {
  application: ApplicationRecordFields;
  /** Names of the people the fields name by id: the applicant, the team, the reviewing SPOC, who granted it. */
  names: DisplayNames;
  conversation: ConversationEntry[];
  judicialDecision: JudicialDecision | null;
  history: ApplicationHistoryItem[];
  verification: VerifyResult;
}

const JUDICIAL_DECISIONS: readonly string[] = ['JC_APPROVE', 'JC_REFUSE'];

/**
 * The read interface for an application's whole record (docs/architecture.md §3: another feature reads it
 * through public-api.ts). Need-to-know is the one of `GET /applications/:id/history`: the record is read
 * through the same query, so one the caller may not see is 404. Reads in the caller's unit of work, with
 * the mappers the application's own routes answer with.
 */
@Injectable()
export class ApplicationRecords {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly repo: ApplicationsRepository,
    private readonly history: ApplicationHistory,
    private readonly lookup: ApplicationLookup,
    private readonly people: People,
  ) {}

  /** @throws NotFoundDomainException when `principal` may not see the application. */
  async recordOf(manager: EntityManager, principal: Principal, id: string): Promise<ApplicationRecord> {
    const row = await this.applications.visibleOrNotFound(manager, principal, id);
    const team = await this.repo.teamMemberIds(manager, id);
    const authority = await this.repo.authority(manager, row.authorityId);
    const rows = await this.history.list(manager, id);
    const verification = await this.history.verifyAggregate(manager, row);
    const named = [row.applicantId, ...team, row.spocId, row.grantedById].filter((p): p is string => p !== null);
    const names = await this.people.displayNames(manager, [...personIdsIn(rows), ...named]);
    const renewalOfUrn = row.renewalOf ? ((await this.lookup.urnsOf(manager, row.authorityId, [row.renewalOf])).get(row.renewalOf) ?? null) : null;
    return {
      application: {
        id: row.id,
        urn: row.urn,
        authorityId: row.authorityId,
        authorityName: authority.name,
        applicantId: row.applicantId,
        teamMemberIds: [...team].sort(),
        spocId: row.spocId,
        grantedById: row.grantedById,
        route: row.route,
        status: row.status,
        version: row.version,
        machineVersion: row.machineVersion,
        form: row.form,
        spocSection: row.spocSection,
        decision: row.decision,
        findings: findingsOf(row),
        oralGrant: row.oralGrant,
        writtenRecordDueAt: row.writtenRecordDueAt,
        validFrom: row.validFrom,
        expiresAt: row.expiresAt,
        renewalOf: row.renewalOf,
        renewalOfUrn,
        submittedForAuthorisationAt: row.submittedForAuthorisationAt,
        judicialApprovalRequestedAt: row.judicialApprovalRequestedAt,
        ripaReference: row.ripaReference,
        ripa: row.ripa,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
      },
      names,
      conversation: toConversation(rows, names),
      judicialDecision: judicialDecisionIn(rows, names),
      history: toApplicationHistory(rows, names).items,
      verification,
    };
  }
}

/** The last Judicial Commissioner's answer the history records (IPA s.77), or null when none was given. */
export function judicialDecisionIn(rows: readonly ApplicationHistoryRow[], names: DisplayNames): JudicialDecision | null {
  const row = [...rows].reverse().find((r) => r.eventType !== null && JUDICIAL_DECISIONS.includes(r.eventType));
  if (!row) return null;
  const read = readRow(row);
  const payload = objectOr(read.payload);
  const approval = objectOr(payload.judicialApproval);
  return {
    eventType: row.eventType === 'JC_APPROVE' ? 'JC_APPROVE' : 'JC_REFUSE',
    position: row.position,
    at: row.at,
    by: peopleOf(read, names).actor,
    judgeName: textOf(approval.judgeName),
    decidedAt: textOf(approval.decidedAt),
    reason: textOf(payload.reason),
  };
}
