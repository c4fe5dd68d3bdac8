import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { HistoryRow } from '../database/hash-chain';

/** What a security event records (issue 24, item 1): a refusal, or a person reading a record's content. */
export const SECURITY_EVENT_KINDS = ['denied', 'viewed'] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

/**
 * One row of the security audit stream (issue 24, item 1; docs/security.md, "Security audit"): the history shape
 * every record has (docs/architecture.md §11), hash-chained and append-only like it, but in a table of its own, apart
 * from the business history. Each authority's events are one chain (the stream, {@link SecurityStreamEntity}); the
 * payload says what was asked for and why it was refused, never the request's body. `subject_id` is a copy of the
 * payload's subject, for the inspectors' search.
 */
@Entity('security_event')
@Index('ux_security_event_position', ['streamId', 'position'], { unique: true })
@Index('ix_security_event_subject', ['subjectId'])
export class SecurityEventEntity extends HistoryRow<SecurityEventKind> {
  @Column('varchar', { name: 'stream_id', length: 36 })
  streamId!: string;

  @Column('varchar', { name: 'subject_id', length: 36, nullable: true })
  subjectId!: string | null;
}

/**
 * One authority's security audit stream: the aggregate its events chain under, with the version and head hash its
 * chain must reach (as every history's record has). The stream of people with no authority (a request without a
 * valid token) is {@link UNAUTHENTICATED_STREAM}.
 */
@Entity('security_stream')
export class SecurityStreamEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('integer')
  version!: number;

  @Column('varchar', { name: 'history_head', length: 64 })
  historyHead!: string;
}

/** The stream of refusals of callers who are no one yet (no token, or one that is not valid). */
export const UNAUTHENTICATED_STREAM = '00000000-0000-0000-0000-000000000000';
