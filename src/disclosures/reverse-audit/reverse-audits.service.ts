import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { type EntityManager, In, IsNull, Not } from 'typeorm';
import { ApplicationLookup, normaliseIdentifier } from '../../applications/public-api';
import { SecurityAuditService } from '../../audit/security-audit.service';
import { AuthorityEntity } from '../../auth/authority.entity';
import { People } from '../../auth/people';
import type { Principal } from '../../auth/principal';
import { CLOCK } from '../../clock.provider';
import { UnitOfWork } from '../../database/unit-of-work';
import { DomainException, NotFoundDomainException } from '../../http/domain-exception';
import { Outbox } from '../../outbox/outbox';
import type { Clock } from '../../workflow/clock';
import { CspEntity } from '../csp/csp.entity';
import { DisclosureRequestEntity } from '../requests/disclosure-request.entity';
import { DisclosureReturnEntity } from '../returns/disclosure-return.entity';
import { REVERSE_AUDIT_FINDING } from '../returns/return-events';
import { parseCspDisclosureList } from './csp-disclosure-list';
import { ReverseAuditEntity } from './reverse-audit.entity';
import { type AuditedRequest, matchCspList, type Normalise, type ReverseAuditResult } from './reverse-audit.match';
import type { ReverseAuditView } from './reverse-audit.view';
import { createReverseAuditPdfPool } from './reverse-audit.worker';

const normalise: Normalise = (type, value) => {
  const result = normaliseIdentifier(type, value);
  return result.ok ? result.normalised : null;
};

/**
 * The reverse audit (issue 24, item 4; docs/returns.md §7): a CSP's own list of what it disclosed to the authority in
 * a period, matched line by line to the authority's authorised, sent requests. Each line that matches none raises a
 * suspected error (through the outbox, as a failed return check does); each request the authority recorded as
 * answered that the list lacks is listed. The run is kept as it was (`reverse_audit`, immutable), and read back as
 * JSON or PDF; reading it is a VIEWED event of the security audit stream.
 */
@Injectable()
export class ReverseAuditsService implements OnModuleDestroy {
  readonly pdfWorkers = createReverseAuditPdfPool();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly applications: ApplicationLookup,
    private readonly outbox: Outbox,
    private readonly people: People,
    private readonly audit: SecurityAuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Runs the list `body` (CSV text) for CSP `cspId` over [from, to); all or nothing. */
  run(principal: Principal, query: { cspId: string; from: string; to: string }, body: unknown): Promise<ReverseAuditView> {
    if (typeof body !== 'string') throw new DomainException('REVERSE_AUDIT_INVALID', 'Send the CSP’s list as CSV (text/csv).');
    const period = { from: new Date(query.from), to: new Date(query.to) };
    if (period.from.getTime() >= period.to.getTime()) throw new DomainException('REVERSE_AUDIT_INVALID', 'The period must end after it starts.');
    const lines = parseCspDisclosureList(body);
    return this.uow.run(async (tx) => {
      const csp = await tx.findOneBy(CspEntity, { id: query.cspId });
      if (!csp) throw new NotFoundDomainException('The CSP');
      const requests = await this.auditedRequests(tx, principal.authorityId, csp.id);
      const result = matchCspList(lines, requests, period, normalise);
      const row: ReverseAuditEntity = {
        id: randomUUID(),
        authorityId: principal.authorityId,
        cspId: csp.id,
        periodFrom: period.from,
        periodTo: period.to,
        uploadedBy: principal.id,
        uploadedAt: this.clock.now(),
        listSha256: createHash('sha256').update(body).digest('hex'),
        lineCount: lines.length,
        result: canonicalize(stored(result, requests)) ?? '{}',
      };
      await tx.insert(ReverseAuditEntity, row);
      for (const finding of result.findings.filter((f) => f.suspectedError)) {
        await this.outbox.add(tx, REVERSE_AUDIT_FINDING, {
          authorityId: principal.authorityId,
          reverseAuditId: row.id,
          line: finding.line,
          applicationId: finding.applicationId,
          disclosureRequestId: finding.requestId,
          urn: finding.urn,
          detail: finding.detail,
        });
      }
      return this.view(tx, row);
    });
  }

  /** A reverse audit of the caller's authority, as data; reading it is recorded (VIEWED). */
  async get(principal: Principal, id: string): Promise<ReverseAuditView> {
    const view = await this.uow.read(async (m) => this.view(m, await this.visibleOrNotFound(m, principal, id)));
    await this.audit.viewed(principal, 'reverse-audit', id);
    return view;
  }

  async pdf(principal: Principal, id: string): Promise<Buffer> {
    const view = await this.get(principal, id);
    return this.pdfWorkers.render({ view, creationDate: new Date(view.uploadedAt) });
  }

  onModuleDestroy(): Promise<void> {
    return this.pdfWorkers.close();
  }

  private async visibleOrNotFound(m: EntityManager, principal: Principal, id: string): Promise<ReverseAuditEntity> {
    const row = await m.findOneBy(ReverseAuditEntity, { id, authorityId: principal.authorityId });
    if (!row) throw new NotFoundDomainException('The reverse audit');
    return row;
  }

  /** The authority's requests to the CSP that were sent, with their authorisations' validity and when data was first recorded under each. */
  private async auditedRequests(m: EntityManager, authorityId: string, cspId: string): Promise<AuditedRequest[]> {
    const requests = await m.find(DisclosureRequestEntity, { where: { authorityId, cspId, sentAt: Not(IsNull()) }, order: { sentAt: 'ASC', id: 'ASC' } });
    if (requests.length === 0) return [];
    const returns = await m.find(DisclosureReturnEntity, {
      where: { requestId: In(requests.map((r) => r.id)), nil: false, quarantined: false },
      select: { requestId: true, receivedAt: true },
      order: { receivedAt: 'ASC' },
    });
    const firstReturn = new Map<string, Date>();
    for (const r of returns) if (!firstReturn.has(r.requestId)) firstReturn.set(r.requestId, r.receivedAt);
    const applications = await this.applications.authorisationsOf(m, authorityId, [...new Set(requests.map((r) => r.applicationId))]);
    return requests.map((r) => {
      const application = applications.get(r.applicationId) ?? null;
      return {
        id: r.id,
        applicationId: r.applicationId,
        urn: application?.urn ?? r.applicationId,
        cspReference: r.cspReference,
        sentAt: r.sentAt ?? new Date(0),
        validFrom: application?.validFrom ?? null,
        expiresAt: application?.expiresAt ?? null,
        items: r.items.map((item) => ({ identifierType: item.identifier.type, normalisedValue: item.identifier.normalisedValue, subtype: item.subtype })),
        recordedDisclosureAt: firstReturn.get(r.id) ?? null,
      };
    });
  }

  private async view(m: EntityManager, row: ReverseAuditEntity): Promise<ReverseAuditView> {
    const result = JSON.parse(row.result) as StoredResult;
    const [csp, authority, names] = await Promise.all([
      m.findOneByOrFail(CspEntity, { id: row.cspId }),
      m.findOneByOrFail(AuthorityEntity, { id: row.authorityId }),
      this.people.displayNames(m, [row.uploadedBy]),
    ]);
    return {
      id: row.id,
      authorityName: authority.name,
      csp: { id: csp.id, name: csp.name },
      period: { from: row.periodFrom.toISOString(), to: row.periodTo.toISOString() },
      uploadedBy: names.get(row.uploadedBy) ?? row.uploadedBy,
      uploadedAt: row.uploadedAt.toISOString(),
      listSha256: row.listSha256,
      lines: row.lineCount,
      matched: result.matched,
      findings: result.findings,
      suspectedErrors: result.findings.filter((f) => f.suspectedError).length,
    };
  }
}

type StoredResult = Pick<ReverseAuditView, 'matched' | 'findings'>;

/** The result as stored: instants as ISO text, each matched line with its request's URN. */
function stored(result: ReverseAuditResult, requests: readonly AuditedRequest[]): StoredResult {
  const urns = new Map(requests.map((r) => [r.id, r.urn]));
  return {
    matched: result.matched.map((m) => ({ ...m, urn: urns.get(m.requestId) ?? m.requestId })),
    findings: result.findings.map((f) => ({ ...f, disclosedAt: f.disclosedAt?.toISOString() ?? null })),
  };
}
