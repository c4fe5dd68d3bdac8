import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row of a CSP's return, read, normalised and checked (docs/returns.md): typed columns shared by the three
 * record types, with `record_type` saying which apply. Instants are UTC ISO strings, with the offset the source
 * gave (or the CSP's zone resolved to) beside them, so the time the CSP wrote can always be shown again. Rows
 * are written in bulk by `AcquiredRecordWriter`, never one by one.
 */
@Entity('acquired_record')
export class AcquiredRecordEntity {
  @PrimaryColumn('varchar', { name: 'return_id', length: 36 })
  returnId!: string;

  @PrimaryColumn('integer', { name: 'row_number' })
  rowNumber!: number;

  @Column('varchar', { name: 'request_id', length: 36 })
  requestId!: string;

  @Column('varchar', { name: 'record_type', length: 20 })
  recordType!: string;

  @Column('varchar', { length: 300, nullable: true })
  identifier!: string | null;

  @Column('varchar', { name: 'other_party', length: 300, nullable: true })
  otherParty!: string | null;

  @Column('varchar', { name: 'at_utc', length: 24, nullable: true })
  atUtc!: string | null;

  @Column('varchar', { name: 'until_utc', length: 24, nullable: true })
  untilUtc!: string | null;

  @Column('varchar', { name: 'source_offset', length: 6, nullable: true })
  sourceOffset!: string | null;

  @Column('varchar', { name: 'local_time', length: 40, nullable: true })
  localTime!: string | null;

  @Column('integer', { name: 'duration_seconds', nullable: true })
  durationSeconds!: number | null;

  @Column('varchar', { name: 'event_type', length: 20, nullable: true })
  eventType!: string | null;

  @Column('varchar', { length: 10, nullable: true })
  direction!: string | null;

  @Column('varchar', { name: 'cell_id', length: 64, nullable: true })
  cellId!: string | null;

  @Column('integer', { nullable: true })
  port!: number | null;

  @Column('varchar', { length: 200, nullable: true })
  name!: string | null;

  @Column('varchar', { length: 500, nullable: true })
  address!: string | null;

  @Column('varchar', { name: 'address_type', length: 20, nullable: true })
  addressType!: string | null;

  /** The checks the row failed, comma-separated codes; null for a clean row. */
  @Column('varchar', { length: 200, nullable: true })
  flags!: string | null;
}
