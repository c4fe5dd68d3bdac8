/**
 * The investigator's products (issue 20, item 5), on both databases: "My products" lists what was issued under their
 * applications; a product's page shows its handling caveat before the download; the download is the issued PDF,
 * never cached, and logged in the dissemination log exactly as the API's download is. Another authority's
 * investigator finds neither the product nor its PDF.
 */
import { createHash } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { extractPdfText, squash } from '../support/errors-pdf-text';
import { checkedAcquisition, issued, type Acquisition, type ProductRecord } from '../support/products-http';
import { bearer, cspIds } from '../support/returns-http';
import { createTestApp, isPostgres, type TestApp } from '../support/test-app';
import { webAgent } from '../support/web-session';
import { binary } from './products-pages';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe(`the investigator's products (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let applicant: TestAgent;
  let done: Acquisition;
  let interim: ProductRecord;
  let final: ProductRecord;

  beforeAll(async () => {
    t = await createTestApp();
    done = await checkedAcquisition(t, await cspIds(t));
    interim = await issued(t, done.app.id, { kind: 'interim', handling: 'intelligence' });
    final = await issued(t, done.app.id, { kind: 'final', handling: 'evidential', exhibitReference: 'JS/1', supersedes: interim.id, reason: 'Every return is checked now.' });
    applicant = await webAgent(t, 'applicant');
  });
  afterAll(() => t.close());

  async function apiLog(applicationId: string): Promise<{ action: string; productId: string; recipient: { displayName: string } }[]> {
    const res = await t.http().get(`/applications/${applicationId}/disseminations`).set('authorization', await bearer(t, 'spoc')).expect(200);
    return (res.body as { items: { action: string; productId: string; recipient: { displayName: string } }[] }).items;
  }

  it('lists the products of their applications, newest first, saying which was superseded', async () => {
    const page = await applicant.get('/web/products').expect(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">My products</h1>');
    const finalAt = page.text.indexOf(`href="/web/products/${final.id}"`);
    const interimAt = page.text.indexOf(`href="/web/products/${interim.id}"`);
    expect(finalAt).toBeGreaterThan(0);
    expect(interimAt).toBeGreaterThan(finalAt);
    expect(page.text).toContain(`Final product 2 of ${done.app.urn}`);
    expect(page.text).toContain('Superseded by product 2');
  });

  it('shows the handling caveat before the download', async () => {
    const page = await applicant.get(`/web/products/${final.id}`).expect(200);
    const caveat = page.text.indexOf('EVIDENTIAL - HANDLE AS AN EXHIBIT AND KEEP ITS CONTINUITY');
    const download = page.text.indexOf(`href="/web/products/${final.id}/pdf"`);
    expect(caveat).toBeGreaterThan(0);
    expect(download).toBeGreaterThan(caveat);
    expect(page.text).toContain('govuk-warning-text');
    expect(page.text).toContain('Download final product 2 (PDF,');
    expect(page.text).toContain('Exhibit reference');
    expect(page.text).toContain('JS/1');
    expect(page.text).not.toContain('/send"');

    const old = await applicant.get(`/web/products/${interim.id}`).expect(200);
    expect(old.text).toContain('INTELLIGENCE ONLY - NOT FOR EVIDENTIAL USE WITHOUT FURTHER AUTHORITY');
    expect(old.text).toContain(`href="/web/products/${final.id}"`);
  });

  it('downloads the PDF exactly as issued, never cached, and the download is in the dissemination log', async () => {
    const before = (await apiLog(done.app.id)).length;
    const res = await binary(applicant, `/web/products/${final.id}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toContain(`product-2-${final.id}.pdf`);
    expect(sha256(res.bytes)).toBe(final.pdfSha256);
    const text = squash((await extractPdfText(res.bytes)).pages.map((p) => p.text).join('\n'));
    expect(text).toContain('EVIDENTIAL - HANDLE AS AN EXHIBIT');

    const log = await apiLog(done.app.id);
    expect(log).toHaveLength(before + 1);
    expect(log.at(-1)).toMatchObject({ action: 'downloaded', productId: final.id, recipient: { displayName: 'DC Alex Applicant' } });
    const page = await applicant.get(`/web/products/${final.id}`).expect(200);
    expect(page.text).toContain('Downloaded');
    const spocList = await (await webAgent(t, 'spoc')).get(`/web/applications/${done.app.id}/products`).expect(200);
    expect(spocList.text).toContain('DC Alex Applicant');
  });

  it('another authority’s investigator finds neither the product nor its PDF, and nothing is logged', async () => {
    const before = (await apiLog(done.app.id)).length;
    const other = await webAgent(t, 'other-applicant');
    for (const path of [`/web/products/${final.id}`, `/web/products/${final.id}/pdf`]) {
      const res = await other.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.text).toContain('Page not found');
    }
    const list = await other.get('/web/products').expect(200);
    expect(list.text).not.toContain(final.id);
    expect(list.text).toContain('data-testid="no-products"');
    expect((await apiLog(done.app.id)).length).toBe(before);
  });

  it('"My products" is the investigator’s page only', async () => {
    for (const user of ['spoc', 'dso', 'ocda']) {
      const res = await (await webAgent(t, user)).get('/web/products');
      expect({ user, status: res.status }).toEqual({ user, status: 403 });
      expect(res.text).toContain('You cannot do that');
    }
  });

  it('a product id that is not one is a 400 page, and a missing one "Page not found"', async () => {
    expect((await applicant.get('/web/products/not-a-uuid')).status).toBe(400);
    const missing = await applicant.get(`/web/products/${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Page not found');
  });
});
