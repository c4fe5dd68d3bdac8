import { Inject, Injectable, Optional } from '@nestjs/common';
import { Brackets, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { CLOCK } from '../clock.provider';
import { GENESIS_HASH, HashChain } from '../database/hash-chain';
import { placeholder } from '../database/sql-placeholders';
import { UnitOfWork } from '../database/unit-of-work';
import type { Denial, DenialRecorder } from '../http/denials';
import type { Clock } from '../workflow/clock';
import type { SecurityAuditQuery } from './security-audit.dto';
import type { SecurityAuditEvent, SecurityAuditEvents } from './security-audit.responses';
import { type SecurityEventKind, SecurityEventEntity, SecurityStreamEntity, UNAUTHENTICATED_STREAM } from './security-event.entity';
import { SUBJECT_AUTHORITY, type SubjectAuthority } from './subject-authority';

/** What kind of record a person read (issue 24, item 1): a product, an application's record, an error report, a CSP's return file, or a reverse audit of a CSP's list. */
export type ViewedSubject = 'product' | 'application-record' | 'error-report' | 'return-file' | 'reverse-audit' | 'inspector-read';

/** What a security event's payload holds: the request, the record, and for a denial why. Never a body or the content read. */
export interface SecurityEventPayload {
  method: string | null;
  route: string | null;
  subjectType: ViewedSubject | null;
  status: number | null;
  code: string | null;
  traceId: string | null;
}

/** Version of the stream's row shape; a row of the stream is no machine's transition, so nothing replays it. */
const STREAM_VERSION = 'audit-1';

const chain = new HashChain<SecurityEventEntity>(
  SecurityEventEntity,
  'streamId',
  // Appends to one stream run one at a time (the stream's row is locked first), so no position is ever contested.
  (version) => new Error(`security stream moved past version ${version} while locked`),
  ({ payload }) => ({ subjectId: (payload as { subjectId?: string | null } | null)?.subjectId ?? null }),
);

/**
 * The security audit stream (issue 24, item 1; docs/security.md, "Security audit"): one hash-chained stream per
 * authority, apart from the business history, of every refusal (`denied`) and every reading of a record's content
 * (`viewed`). Each authority's SRO reads its own stream (`GET /audit`).
 */
@Injectable()
export class SecurityAuditService implements DenialRecorder {
  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(SUBJECT_AUTHORITY) private readonly subjects: SubjectAuthority | null = null,
  ) {}

  /** A refusal, in a transaction of its own: the refused command's own transaction rolled back. */
  denied(denial: Denial): Promise<void> {
    return this.uow.run((tx) =>
      this.append(tx, 'denied', denial.actor, denial.subjectId, {
        method: denial.method,
        route: denial.route,
        subjectType: null,
        status: denial.status,
        code: denial.code,
        traceId: denial.traceId,
      }),
    );
  }

  /**
   * `principal` read the content of a record, in the transaction that read it: if the event cannot be written, the
   * content is not handed over.
   */
  viewedIn(tx: EntityManager, principal: Principal, subjectType: ViewedSubject, subjectId: string): Promise<void> {
    return this.append(tx, 'viewed', principal, subjectId, { method: null, route: null, subjectType, status: null, code: null, traceId: null });
  }

  /**
   * An inspector's reading (a GET) of `route` (issue 24, item 3), about the record its path names, in a transaction of
   * its own. It is filed in the stream of the authority whose records were read, so that authority's SRO sees who
   * inspected what: the record's own authority when the path names one, else every authority whose live grant opened
   * the answer (a list), in a fixed order so two readings never wait on each other's streams. Without a live grant
   * (nothing was opened) it is filed in the inspector's own authority's stream.
   */
  inspectorRead(principal: Principal, route: string, subjectId: string | null): Promise<void> {
    const payload: SecurityEventPayload = { method: 'GET', route, subjectType: 'inspector-read', status: null, code: null, traceId: null };
    return this.uow.run(async (tx) => {
      for (const authorityId of await this.inspectedAuthorities(tx, principal, subjectId)) {
        await this.append(tx, 'viewed', { id: principal.id, roles: principal.roles, authorityId }, subjectId, payload);
      }
    });
  }

  private async inspectedAuthorities(tx: EntityManager, principal: Principal, subjectId: string | null): Promise<string[]> {
    const granted = [...new Set((principal.inspections ?? []).map((w) => w.authorityId))].sort();
    if (granted.length === 0) return [principal.authorityId];
    if (subjectId === null || granted.length === 1) return granted;
    const owner = this.subjects === null ? null : await this.subjects.authorityOf(tx, subjectId);
    return owner !== null && granted.includes(owner) ? [owner] : [principal.authorityId];
  }

  /** {@link viewedIn}, in a transaction of its own (for a read that streams its content outside one). */
  viewed(principal: Principal, subjectType: ViewedSubject, subjectId: string): Promise<void> {
    return this.uow.run((tx) => this.viewedIn(tx, principal, subjectType, subjectId));
  }

  /**
   * The events that match `query`, the newest first (issue 24, item 1): an SRO's own authority's; an inspector's,
   * under each live grant, the granting authority's of the grant's period (issue 24, item 3), and none without one.
   */
  list(principal: Principal, query: SecurityAuditQuery): Promise<SecurityAuditEvents> {
    const windows = principal.roles.includes('sro') ? null : (principal.inspections ?? []);
    if (windows?.length === 0) return Promise.resolve({ events: [], truncated: false });
    return this.uow.read(async (m) => {
      const builder = m
        .getRepository(SecurityEventEntity)
        .createQueryBuilder('e')
        .where(
          new Brackets((or) => {
            if (windows === null) or.where('e.stream_id = :stream', { stream: principal.authorityId });
            else windows.forEach((w, i) => or.orWhere(`(e.stream_id = :s${i} AND e.at >= :f${i} AND e.at < :t${i})`, { [`s${i}`]: w.authorityId, [`f${i}`]: w.from.toISOString(), [`t${i}`]: w.to.toISOString() }));
          }),
        )
        // Within one stream, position is the order events were written in (and the unique index reads it backwards);
        // across the streams an inspector may read, the table's seq is.
        .orderBy(windows === null ? 'e.position' : 'e.seq', 'DESC')
        .limit(query.limit + 1);
      if (query.subjectId) builder.andWhere('e.subject_id = :subject', { subject: query.subjectId.toLowerCase() });
      if (query.actor) builder.andWhere('e.actor_id = :actor', { actor: query.actor.toLowerCase() });
      // Instants are stored as ISO strings of one length (instant.transformer.ts), so they compare as text.
      if (query.from) builder.andWhere('e.at >= :from', { from: new Date(query.from).toISOString() });
      if (query.to) builder.andWhere('e.at < :to', { to: new Date(query.to).toISOString() });
      const rows = await builder.getMany();
      return { events: rows.slice(0, query.limit).map(toAuditEvent), truncated: rows.length > query.limit };
    });
  }

  /** Appends one event to the actor's authority's stream (the unauthenticated stream when there is no actor). */
  private async append(
    tx: EntityManager,
    kind: SecurityEventKind,
    actor: { id: string; roles: readonly string[]; authorityId: string } | null,
    subjectId: string | null,
    payload: SecurityEventPayload,
  ): Promise<void> {
    const streamId = actor?.authorityId ?? UNAUTHENTICATED_STREAM;
    const stream = await lockedStream(tx, streamId);
    const head = await chain.append(
      tx,
      {
        aggregateId: streamId,
        position: stream.version + 1,
        kind,
        fromState: stream.version === 0 ? null : 'open',
        toState: 'open',
        eventType: kind === 'denied' ? 'DENIED' : 'VIEWED',
        actorId: actor?.id ?? UNAUTHENTICATED_STREAM,
        deciderId: null,
        actorRoles: [...(actor?.roles ?? [])],
        at: this.clock.now(),
        machineVersion: STREAM_VERSION,
        guardInputs: null,
        payload: { ...payload, subjectId },
        rowDigest: null,
      },
      stream.historyHead,
    );
    await tx.query(
      `UPDATE security_stream SET version = ${placeholder(tx, 1)}, history_head = ${placeholder(tx, 2)} WHERE id = ${placeholder(tx, 3)}`,
      [stream.version + 1, head, streamId],
    );
  }
}

function toAuditEvent(row: SecurityEventEntity): SecurityAuditEvent {
  const payload = (row.payload === null ? {} : JSON.parse(row.payload)) as Partial<SecurityEventPayload>;
  return {
    seq: Number(row.seq),
    kind: row.kind === 'denied' ? 'DENIED' : 'VIEWED',
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorRoles: row.actorRoles,
    subjectId: row.subjectId,
    subjectType: payload.subjectType ?? null,
    request: payload.method && payload.route ? `${payload.method} ${payload.route}` : null,
    status: payload.status ?? null,
    code: payload.code ?? null,
    traceId: payload.traceId ?? null,
  };
}

/**
 * The stream's row, made on its first event, held until the transaction ends: on PostgreSQL `FOR UPDATE`, so two
 * events of one authority append one after the other; on SQLite a write transaction holds the one write lock already.
 */
async function lockedStream(tx: EntityManager, id: string): Promise<Pick<SecurityStreamEntity, 'version' | 'historyHead'>> {
  const postgres = tx.connection.driver.options.type === 'postgres';
  await tx.query(
    `INSERT INTO security_stream (id, version, history_head) VALUES (${placeholder(tx, 1)}, 0, ${placeholder(tx, 2)}) ON CONFLICT (id) DO NOTHING`,
    [id, GENESIS_HASH],
  );
  const [row] = await tx.query<{ version: number | string; historyHead: string }[]>(
    `SELECT version, history_head AS "historyHead" FROM security_stream WHERE id = ${placeholder(tx, 1)}${postgres ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return { version: Number(row.version), historyHead: row.historyHead };
}
