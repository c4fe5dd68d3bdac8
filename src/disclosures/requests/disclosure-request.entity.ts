import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { INSTANT_LENGTH, instantTransformer, NullableInstantColumn } from '../../database/instant.transformer';
import type { CspStatus, DesiredStatus, DisclosureRequestState } from '../../workflow/disclosure-request.types';
import type { DisclosureItem, DisclosureOutcome } from './disclosure-request.item';

/**
 * A request to one CSP for some of an authorisation's data items (docs/architecture.md §6, §7.2; docs/law.md
 * §8): the items as authorised, copied from the application byte for byte, our desired status and the CSP's
 * reported status side by side (ETSI TS 103 120 DesiredStatus/Status). `version` = history rows.
 */
@Entity('disclosure_request')
@Index('ix_disclosure_request_application', ['applicationId'])
@Index('ix_disclosure_request_authority_status', ['authorityId', 'status'])
export class DisclosureRequestEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'authority_id', length: 36 })
  authorityId!: string;

  @Column('varchar', { name: 'application_id', length: 36 })
  applicationId!: string;

  @Column('varchar', { name: 'csp_id', length: 36 })
  cspId!: string;

  @Column('varchar', { length: 30 })
  status!: DisclosureRequestState;

  @Column('varchar', { name: 'desired_status', length: 30, nullable: true })
  desiredStatus!: DesiredStatus | null;

  @Column('varchar', { name: 'csp_status', length: 30, nullable: true })
  cspStatus!: CspStatus | null;

  /** The data items asked for, each with its identifier, exactly as the application authorised them. */
  @Column('simple-json')
  items!: DisclosureItem[];

  @Column('varchar', { name: 'csp_reference', length: 200, nullable: true })
  cspReference!: string | null;

  @NullableInstantColumn('sent_at')
  sentAt!: Date | null;

  @NullableInstantColumn('cancelled_at')
  cancelledAt!: Date | null;

  /** Cancelled: the CSP must be told to stop (docs/law.md §2.5). */
  @Column('boolean', { name: 'csp_to_be_told', default: false })
  cspToBeTold!: boolean;

  /** What the transitions recorded besides the columns above: who sent, the CSP's statement or reason, the check, the cancellation. */
  @Column('simple-json')
  outcome!: DisclosureOutcome;

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
