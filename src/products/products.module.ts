import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/public-api';
import { PrincipalsModule } from '../auth/principals.module';
import { AcquisitionsModule } from '../disclosures/public-api';
import { ProductDisseminationEntity } from './product-dissemination.entity';
import { ProductFactsModule } from './product-facts.provider';
import { ProductPdfStore } from './product-pdf.store';
import { ProductRecordsModule } from './product-records.module';
import { ProductEntity } from './product.entity';
import { ApplicationProductsController, ProductsController } from './products.controller';
import { ProductsService } from './products.service';

/** The products feature's tables, registered with the data source by this module (docs/architecture.md §3). */
export const PRODUCTS_ENTITIES = [ProductEntity, ProductDisseminationEntity];

/** Products: issued from the checked returns, frozen, rendered once, and logged as they are given (docs/products.md). */
@Module({
  // ApplicationsModule: the application a product is of; AcquisitionsModule: what was acquired; PrincipalsModule: names.
  imports: [TypeOrmModule.forFeature(PRODUCTS_ENTITIES), ApplicationsModule, AcquisitionsModule, PrincipalsModule, ProductRecordsModule, ProductFactsModule],
  controllers: [ApplicationProductsController, ProductsController],
  providers: [ProductsService, ProductPdfStore],
  // The web pages call the same service as the controllers (src/web/products).
  exports: [ProductsService],
})
export class ProductsModule {}
