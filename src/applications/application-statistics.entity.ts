import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { NullableInstantColumn } from '../database/instant.transformer';

/**
 * What the statistics return counts an application by (docs/statistics.md §2), as indexed columns: derived
 * rows, never history, rewritten in the transaction that writes the form, the decision or an imported
 * record (application-statistics.ts). The return joins them to the history rows that put an application in
 * a period, so it aggregates in SQL and never reads a form.
 */
@Entity('application_statistics')
@Index('ix_application_statistics_ripa', ['authorityId', 'ripaGrantedAt'])
// Covers every column a figure reads, so the return joins without reading the table (migrations/1764040000000-statistics-covering-indexes.ts).
@Index('ix_application_statistics_figures', ['applicationId', 'authorityId', 'route', 'statutoryPurpose', 'sensitiveProfession', 'journalisticSource', 'dsoException', 'threatToLifeFinding'])
export class ApplicationStatisticsEntity {
  @PrimaryColumn('varchar', { name: 'application_id', length: 36 })
  applicationId!: string;

  @Column('varchar', { name: 'authority_id', length: 36 })
  authorityId!: string;

  @Column('varchar', { length: 40 })
  urn!: string;

  @Column('varchar', { length: 10, nullable: true })
  route!: string | null;

  @Column('varchar', { name: 'statutory_purpose', length: 40, nullable: true })
  statutoryPurpose!: string | null;

  @Column('varchar', { name: 'sensitive_profession', length: 40, nullable: true })
  sensitiveProfession!: string | null;

  @Column('boolean', { name: 'journalistic_source' })
  journalisticSource!: boolean;

  /** A DSO's grant under an exception: `independence` (IPA s.63), `spocNotConsulted` (s.76(2)), `both`; null for none. */
  @Column('varchar', { name: 'dso_exception', length: 20, nullable: true })
  dsoException!: string | null;

  /** The decider found an imminent threat to life, so a journalistic-source grant took effect without a Judicial Commissioner (s.77). */
  @Column('boolean', { name: 'threat_to_life_finding' })
  threatToLifeFinding!: boolean;

  @Column('varchar', { name: 'ripa_kind', length: 30, nullable: true })
  ripaKind!: string | null;

  @Column('varchar', { name: 'ripa_purpose', length: 20, nullable: true })
  ripaPurpose!: string | null;

  /** An imported RIPA record's own grant date: the date that puts it in a period (docs/statistics.md §2). */
  @NullableInstantColumn('ripa_granted_at')
  ripaGrantedAt!: Date | null;
}

/** One item of data an application seeks: the statistical unit (docs/law.md §3.4; docs/statistics.md §2). */
@Entity('application_statistics_item')
@Index('ix_application_statistics_item_figures', ['applicationId', 'category', 'subtype', 'communicationsType'])
export class ApplicationStatisticsItemEntity {
  @PrimaryColumn('varchar', { name: 'application_id', length: 36 })
  applicationId!: string;

  @PrimaryColumn('varchar', { name: 'item_ref', length: 40 })
  itemRef!: string;

  @Column('varchar', { length: 10 })
  category!: string;

  @Column('varchar', { length: 40 })
  subtype!: string;

  @Column('varchar', { name: 'communications_type', length: 20 })
  communicationsType!: string;

  /** The identifier the item is sought on, normalised (an E.164 number, an address): the drill-down shows it. */
  @Column('varchar', { length: 500 })
  identifier!: string;
}

/** One category of subject an application names, once however many subjects share it (docs/statistics.md §2). */
@Entity('application_statistics_subject')
export class ApplicationStatisticsSubjectEntity {
  @PrimaryColumn('varchar', { name: 'application_id', length: 36 })
  applicationId!: string;

  @PrimaryColumn('varchar', { length: 30 })
  role!: string;
}
