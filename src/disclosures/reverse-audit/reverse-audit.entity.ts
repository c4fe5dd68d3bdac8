import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer } from '../../database/instant.transformer';

/**
 * One reverse audit as it was run (issue 24, item 4; docs/returns.md §7): which CSP's list, for which period,
 * who uploaded it, the list's SHA-256, and the result (canonical JSON of the matched lines and the findings).
 * Never changed once written: the database refuses UPDATE and DELETE (migrations/protections.ts).
 */
@Entity('reverse_audit')
@Index('ix_reverse_audit_authority', ['authorityId', 'uploadedAt'])
export class ReverseAuditEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'authority_id', length: 36 })
  authorityId!: string;

  @Column('varchar', { name: 'csp_id', length: 36 })
  cspId!: string;

  @Column('varchar', { name: 'period_from', length: INSTANT_LENGTH, transformer: instantTransformer })
  periodFrom!: Date;

  @Column('varchar', { name: 'period_to', length: INSTANT_LENGTH, transformer: instantTransformer })
  periodTo!: Date;

  @Column('varchar', { name: 'uploaded_by', length: 36 })
  uploadedBy!: string;

  @Column('varchar', { name: 'uploaded_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  uploadedAt!: Date;

  @Column('varchar', { name: 'list_sha256', length: 64 })
  listSha256!: string;

  @Column('integer', { name: 'line_count' })
  lineCount!: number;

  @Column('text')
  result!: string;
}
