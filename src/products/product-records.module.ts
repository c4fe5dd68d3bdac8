import { Module } from '@nestjs/common';
import { ProductRecords } from './product-records';

/** Provides {@link ProductRecords} to the features that import it through public-api.ts. */
@Module({ providers: [ProductRecords], exports: [ProductRecords] })
export class ProductRecordsModule {}
