import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PRODUCT_FACTS_READER, type ProductFactsReader } from '../applications/public-api';
import { ProductEntity } from './product.entity';

/** Whether a final product was issued under an application, as ISSUE_PRODUCT reads it (applications owns the interface). */
@Injectable()
export class ProductFactsProvider implements ProductFactsReader {
  async finalProductIssued(manager: EntityManager, applicationId: string): Promise<boolean> {
    return (await manager.count(ProductEntity, { where: { applicationId, kind: 'final' } })) > 0;
  }
}

/** Provides the reader to the whole application, applications included, which cannot import this feature. */
@Global()
@Module({
  providers: [ProductFactsProvider, { provide: PRODUCT_FACTS_READER, useExisting: ProductFactsProvider }],
  exports: [PRODUCT_FACTS_READER],
})
export class ProductFactsModule {}
