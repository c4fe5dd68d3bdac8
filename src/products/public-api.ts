/**
 * What other features may use of products, and the only file of src/products they may import
 * (docs/architecture.md §3): the products issued under an application and their dissemination log.
 */
export { ProductRecordsModule } from './product-records.module';
export { ProductRecords, type DisseminationEntry, type IssuedProduct } from './product-records';
/**
 * What the web pages call (src/web/products, issue 20): the same service and DTOs as this feature's controllers, so a
 * page applies exactly the API's rules, and the PDF's own words and summary for the preview of a product's first page.
 */
export { ProductsModule } from './products.module';
export { ProductsService } from './products.service';
export { DisseminateProductDto, IssueProductDto } from './product.dto';
export type { DisseminationResponse, ProductResponse } from './product.mapper';
export type { ProductContent } from './product-content';
export { HANDLING_CAVEATS } from './product-content.builder';
export { WITHHELD_LABELS } from './product-labels';
export { summariseProduct } from './product-summary';
export { CONTACT_COLUMNS, PRODUCT_TITLE, SUMMARY_CONTACTS, SUMMARY_HEADING } from './product.pdf';
