/**
 * Products for the authorisation matrix (docs/products.md; docs/architecture.md §8): on an application built
 * from a fixture spec, a sent request to the seeded CSP whose clean return is in, MARK_CHECKED, and a final
 * intelligence product issued, all by the SPOC serving the application's authority.
 */
import type { AppRecord } from './applications';
import { buildRequestFixture, spocFor, type FixtureSpec } from './authz-fixtures';
import type { TestApp } from './test-app';

/** The requested number's subscriber across the whole period: passes every check. */
const CLEAN_RETURN = 'identifier,name,address,address_type,valid_from,valid_to\n07911 123456,Product Fixture,"1 High Street, Reading RG1 1AA",installation,2025-01-10T09:00:00Z,\n';

export interface ProductFixture {
  productId: string;
}

/** The final product of an application built from `spec` (see the file's comment). */
export async function buildProductFixture(t: TestApp, spec: FixtureSpec, app: AppRecord): Promise<ProductFixture> {
  if ('error' in spec) throw new Error('a product is of an application, not a CD error entry');
  const spoc = spocFor(spec.owner ?? 'applicant');
  const bearer = `Bearer ${await t.token(spoc)}`;
  const expect2xx = (res: { status: number; body: unknown }, what: string) => {
    if (res.status >= 300) throw new Error(`product fixture, ${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; version: number };
  };
  const request = await buildRequestFixture(t, spec, app, 'sent');
  const upload = t.http().post(`/disclosure-requests/${request.id}/returns`).set('authorization', bearer).field('dataItemRef', 'd1');
  expect2xx(await upload.attach('file', Buffer.from(CLEAN_RETURN), { filename: 'return.csv', contentType: 'text/csv' }), 'the return');
  const current = expect2xx(await t.http().get(`/disclosure-requests/${request.id}`).set('authorization', bearer), 'reading the request');
  expect2xx(await t.http().post(`/disclosure-requests/${request.id}/events`).set('authorization', bearer).set('If-Match', String(current.version)).send({ type: 'MARK_CHECKED' }), 'MARK_CHECKED');
  const product = expect2xx(await t.http().post(`/applications/${app.id}/products`).set('authorization', bearer).send({ kind: 'final', handling: 'intelligence' }), 'the product');
  return { productId: product.id };
}
