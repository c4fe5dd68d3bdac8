import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer } from '../database/instant.transformer';
import type { IdentifierType } from '../workflow/application.types';

/**
 * One identifier over one period, as an index of what an application seeks (docs/architecture.md §6): a
 * data item of its form (`requestId` null), or an item of a disclosure request made under it (`requestId`
 * set; written through {@link IdentifierWindows} by the disclosures feature). Derived rows, never history:
 * a form's rows are rewritten in the transaction that writes the form, a request's once, when it is made.
 * The lookup index serves the duplicate-acquisition warning (`GET /applications/:id/overlaps`).
 */
@Entity('application_identifier_window')
@Index('ix_identifier_window_lookup', ['normalisedValue', 'authorityId', 'windowStart'])
@Index('ix_identifier_window_application', ['applicationId', 'requestId'])
export class ApplicationIdentifierWindowEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'application_id', length: 36 })
  applicationId!: string;

  /** The disclosure request whose item this is; null for a data item of the application's form. */
  @Column('varchar', { name: 'request_id', length: 36, nullable: true })
  requestId!: string | null;

  /** The application's authority, copied: a duplicate is looked for within one authority. */
  @Column('varchar', { name: 'authority_id', length: 36 })
  authorityId!: string;

  @Column('varchar', { name: 'data_item_ref', length: 40 })
  dataItemRef!: string;

  @Column('varchar', { name: 'identifier_type', length: 20 })
  identifierType!: IdentifierType;

  /** The identifier's canonical form (docs/law.md §3.3): the same line, handset or address compares equal. */
  @Column('varchar', { name: 'normalised_value', length: 500 })
  normalisedValue!: string;

  @Column('varchar', { name: 'window_start', length: INSTANT_LENGTH, transformer: instantTransformer })
  windowStart!: Date;

  @Column('varchar', { name: 'window_end', length: INSTANT_LENGTH, transformer: instantTransformer })
  windowEnd!: Date;
}
