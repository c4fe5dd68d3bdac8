import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer } from '../../database/instant.transformer';

/** How a return arrived: a CSV file, or a JSON delivery shaped like an ETSI TS 103 120 DeliveryObject. */
export const RETURN_FORMATS_RECEIVED = ['csv', 'json'] as const;
export type ReturnFormatReceived = (typeof RETURN_FORMATS_RECEIVED)[number];

/**
 * One part of a CSP's delivery for one data item of a request (docs/returns.md; docs/architecture.md §6): the
 * file as received (its bytes are in `disclosure_return_file_chunk`, its SHA-256 here), where it sits in its
 * delivery, and what reading and checking it found. Written once, when it arrives; never changed after, so a
 * return is a fact, not a record that moves.
 */
@Entity('disclosure_return')
@Index('ux_disclosure_return_file', ['requestId', 'sha256'], { unique: true })
@Index('ix_disclosure_return_application', ['applicationId'])
@Index('ux_disclosure_return_part', ['requestId', 'dataItemRef', 'deliveryId', 'sequenceNumber'], { unique: true })
export class DisclosureReturnEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'request_id', length: 36 })
  requestId!: string;

  @Column('varchar', { name: 'authority_id', length: 36 })
  authorityId!: string;

  @Column('varchar', { name: 'application_id', length: 36 })
  applicationId!: string;

  /** The data item of the request this part answers. */
  @Column('varchar', { name: 'data_item_ref', length: 100 })
  dataItemRef!: string;

  @Column('varchar', { name: 'record_type', length: 20 })
  recordType!: string;

  @Column('varchar', { length: 10 })
  format!: ReturnFormatReceived;

  @Column('varchar', { name: 'file_name', length: 255 })
  fileName!: string;

  @Column('varchar', { name: 'content_type', length: 100 })
  contentType!: string;

  @Column('integer', { name: 'size_bytes' })
  sizeBytes!: number;

  /** SHA-256 of the file exactly as received, hex. */
  @Column('varchar', { length: 64 })
  sha256!: string;

  /** The CSP's delivery this part belongs to (TS 103 120 DeliveryID), and its place in it. */
  @Column('varchar', { name: 'delivery_id', length: 200 })
  deliveryId!: string;

  @Column('integer', { name: 'sequence_number' })
  sequenceNumber!: number;

  @Column('boolean', { name: 'last_sequence' })
  lastSequence!: boolean;

  /** The part holds no records: the CSP holds no such data (a nil return). */
  @Column('boolean')
  nil!: boolean;

  /** Something in the file may be content, not communications data: its rows are kept from view (docs/returns.md). */
  @Column('boolean')
  quarantined!: boolean;

  /** It arrived after the request was cancelled or the authorisation ended (docs/law.md §2.5). */
  @Column('boolean', { name: 'after_end' })
  afterEnd!: boolean;

  @Column('integer', { name: 'row_count' })
  rowCount!: number;

  /** Rows that passed every check. */
  @Column('integer', { name: 'clean_row_count' })
  cleanRowCount!: number;

  /** The zone times without an offset were read in (the CSP's declared zone then); null if none was declared. */
  @Column('varchar', { name: 'time_zone', length: 64, nullable: true })
  timeZone!: string | null;

  @Column('varchar', { name: 'received_by', length: 36 })
  receivedBy!: string;

  @Column('varchar', { name: 'received_at', length: INSTANT_LENGTH, transformer: instantTransformer })
  receivedAt!: Date;
}
