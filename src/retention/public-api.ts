/**
 * What other parts of the service may use of retention, and the only file of src/retention they may import
 * (docs/architecture.md §3): the module, and the review job the start-up starts.
 */
export { RetentionModule } from './retention.module';
export { RetentionReviews, type ReviewPass } from './retention-reviews';
