import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PRODUCT_FACTS_READER, type ProductFactsReader } from '../applications/public-api';
import { standingFinal } from './product-rules';
import { selectRows } from '../database/select-rows';
import type { ProductKind } from '../workflow/product.types';

/**
 * Whether a final product stands under an application, as ISSUE_PRODUCT reads it (applications owns the
 * interface): one that no later product superseded.
 */
@Injectable()
export class ProductFactsProvider implements ProductFactsReader {
  async finalProductIssued(manager: EntityManager, applicationId: string): Promise<boolean> {
    const rows = await selectRows<{ id: string; kind: ProductKind; supersedes_id: string | null }>(
      manager,
      'SELECT id, kind, supersedes_id FROM product WHERE application_id = $1',
      [applicationId],
    );
    return standingFinal(rows.map((row) => ({ id: row.id, kind: row.kind, supersedesId: row.supersedes_id }))) !== undefined;
  }
}

/** Provides the reader to the whole application, applications included, which cannot import this feature. */
@Global()
@Module({
  providers: [ProductFactsProvider, { provide: PRODUCT_FACTS_READER, useExisting: ProductFactsProvider }],
  exports: [PRODUCT_FACTS_READER],
})
export class ProductFactsModule {}
