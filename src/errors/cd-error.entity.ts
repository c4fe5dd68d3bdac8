import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer, NullableInstantColumn } from '../database/instant.transformer';
import type { CdErrorIpcExchange, CdErrorReport } from '../workflow/cd-error.types';

/**
 * An entry of the authority's CD error register (docs/law.md §4; docs/architecture.md §6 `cd_error`). One entry per
 * error (IOCCO-FORMS §7). `kind` has its own column, set by ASSESS; `version` = history rows.
 */
@Entity('cd_error')
@Index('ix_cd_error_authority_status', ['authorityId', 'status'])
@Index('ux_cd_error_source', ['sourceType', 'sourceEventId'], { unique: true })
@Index('ix_cd_error_due', ['status', 'reportDueAt', 'agreedDueAt'])
// The statistics return counts an authority's entries by the date each error was established (docs/statistics.md §2).
@Index('ix_cd_error_authority_established', ['authorityId', 'establishedAt'])
export class CdErrorEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'authority_id', length: 36 })
  authorityId!: string;

  @Column('varchar', { length: 30 })
  status!: string;

  @Column('varchar', { length: 20, nullable: true })
  kind!: string | null;

  @Column('varchar', { name: 'cause_code', length: 40, nullable: true })
  causeCode!: string | null;

  @Column('varchar', { name: 'responsible_party', length: 30, nullable: true })
  responsibleParty!: string | null;

  @Column('boolean', { name: 'is_ip_related', default: false })
  isIpRelated!: boolean;

  /** The §4.3 report fields (docs/law.md §4.3), as recorded and edited. */
  @Column('simple-json')
  report!: Partial<CdErrorReport>;

  @NullableInstantColumn('discovered_at')
  discoveredAt!: Date | null;

  @NullableInstantColumn('established_at')
  establishedAt!: Date | null;

  /** End of the 10th working day after `establishedAt` for a relevant error (IPCO-18 17.4). */
  @NullableInstantColumn('report_due_at')
  reportDueAt!: Date | null;

  /** A later date agreed with the IPC (AGREE_EXTENSION). */
  @NullableInstantColumn('agreed_due_at')
  agreedDueAt!: Date | null;

  @NullableInstantColumn('reported_at')
  reportedAt!: Date | null;

  /** The exchange with the IPC after the report (docs/law.md §4.4); null until its first part is recorded. */
  @Column('simple-json', { nullable: true })
  ipc!: CdErrorIpcExchange | null;

  /** Where a suspected entry came from (`returnCheckFailed`, `writtenRecordOverdue`) and the outbox event id. */
  @Column('varchar', { name: 'source_type', length: 40, nullable: true })
  sourceType!: string | null;

  @Column('varchar', { name: 'source_event_id', length: 36, nullable: true })
  sourceEventId!: string | null;

  @Column('varchar', { name: 'machine_version', length: 10 })
  machineVersion!: string;

  @Column('integer')
  version!: number;

  @Column('varchar', { name: 'history_head', length: 64 })
  historyHead!: string;

  @Column('varchar', { name: 'created_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  createdAt!: Date;

  @Column('varchar', { name: 'updated_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  updatedAt!: Date;
}
