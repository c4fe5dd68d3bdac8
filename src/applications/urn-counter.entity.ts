import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The next URN number per authority and (Europe/London) year, allocated in the create transaction. */
@Entity('urn_counter')
export class UrnCounterEntity {
  @PrimaryColumn('varchar', { name: 'authority_id', length: 36 })
  authorityId!: string;

  @PrimaryColumn('integer')
  year!: number;

  @Column('integer', { name: 'last_value' })
  lastValue!: number;
}
