import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PRODUCT_FACTS_READER, type ProductFactsReader } from '../applications/public-api';
import { ProductEntity } from './product.entity';
import { standingFinal } from './product-rules';

/**
 * Whether a final product stands under an application, as ISSUE_PRODUCT reads it (applications owns the
 * interface): one that no later product superseded.
 */
@Injectable()
export class ProductFactsProvider implements ProductFactsReader {
  async finalProductIssued(manager: EntityManager, applicationId: string): Promise<boolean> {
    const products = await manager.find(ProductEntity, { where: { applicationId }, select: { id: true, kind: true, supersedesId: true } });
    return standingFinal(products) !== undefined;
  }
}

/** Provides the reader to the whole application, applications included, which cannot import this feature. */
@Global()
@Module({
  providers: [ProductFactsProvider, { provide: PRODUCT_FACTS_READER, useExisting: ProductFactsProvider }],
  exports: [PRODUCT_FACTS_READER],
})
export class ProductFactsModule {}
