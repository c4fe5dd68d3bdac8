import { Module } from '@nestjs/common';
import { Housekeeping } from './housekeeping.service';

/** The housekeeping job (docs/operations.md "Housekeeping"). */
@Module({ providers: [Housekeeping], exports: [Housekeeping] })
export class HousekeepingModule {}
