/**
 * What other features may use of products, and the only file of src/products they may import
 * (docs/architecture.md §3): the products issued under an application and their dissemination log.
 */
export { ProductRecordsModule } from './product-records.module';
export { ProductRecords, type DisseminationEntry, type IssuedProduct } from './product-records';
