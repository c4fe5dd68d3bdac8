/**
 * The SPOC's product pages (issue 20, item 2), on both databases: the product list with supersessions and the
 * dissemination log; issuing an interim or final, intelligence or evidential product after a preview of its first
 * page; a correction that supersedes; recording that a product was sent to a named recipient; the application
 * record PDF. Each POST is the API's service (a refusal in the API's words, changing nothing), runs once however
 * often it is posted, and is refused without its CSRF token.
 */
import type TestAgent from 'supertest/lib/agent';
import { ProductDisseminationEntity } from '../../src/products/product-dissemination.entity';
import { ProductEntity } from '../../src/products/product.entity';
import { userId } from '../support/authz-fixtures';
import { extractPdfText, squash } from '../support/errors-pdf-text';
import { checkedAcquisition, issued, type Acquisition } from '../support/products-http';
import { cspIds } from '../support/returns-http';
import { createTestApp, isPostgres, type TestApp } from '../support/test-app';
import { hiddenField, submitForm, webAgent } from '../support/web-session';
import { binary, changeAnswers, confirmPreview, previewIssue } from './products-pages';

describe(`the SPOC's product pages (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let csps: Map<string, string>;
  let spoc: TestAgent;
  let done: Acquisition;

  beforeAll(async () => {
    t = await createTestApp();
    csps = await cspIds(t);
    done = await checkedAcquisition(t, csps);
    spoc = await webAgent(t, 'spoc');
  });
  afterAll(() => t.close());

  const productsOf = (applicationId: string) => t.dataSource.getRepository(ProductEntity).countBy({ applicationId });
  const logOf = (productId: string) => t.dataSource.getRepository(ProductDisseminationEntity).countBy({ productId });

  it('lists no product yet, with the way to issue one and the application record', async () => {
    const acquisition = await checkedAcquisition(t, csps);
    const page = await spoc.get(`/web/applications/${acquisition.app.id}/products`).expect(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Products</h1>');
    expect(page.text).toContain('data-testid="no-products"');
    expect(page.text).toContain(`href="/web/applications/${acquisition.app.id}/products/new"`);
    expect(page.text).toContain(`href="/web/applications/${acquisition.app.id}/record.pdf"`);
    expect(page.text).toContain('data-testid="dissemination-log-empty"');
  });

  it('previews the first page from the checked returns, issuing nothing', async () => {
    const res = await previewIssue(spoc, done.app.id, { kind: 'final', handling: 'intelligence', supersedes: 'none' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Check the product before you issue it');
    expect(res.text).toContain('First page of the product');
    expect(res.text).toContain('Communications data product');
    expect(res.text).toContain(`Final product 1. Intelligence product. URN ${done.app.urn}.`);
    expect(res.text).toContain('Handling: INTELLIGENCE ONLY - NOT FOR EVIDENTIAL USE WITHOUT FURTHER AUTHORITY');
    expect(res.text).toContain('CSP names withheld');
    expect(res.text).toContain('Read at a glance');
    expect(res.text).toContain('was registered to');
    expect(res.text).toContain('Calls and messages of');
    expect(res.text).toContain('+447700900555');
    expect(res.text).toMatch(/G[M]T|BST/);
    expect(hiddenField(res.text, 'idempotencyKey')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await productsOf(done.app.id)).toBe(0);
  });

  it('shows an unanswered form again with each question linked, and a rule’s refusal in the API’s words', async () => {
    const empty = await previewIssue(spoc, done.app.id, {});
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('There is a problem');
    expect(empty.text).toContain('href="#kind"');
    expect(empty.text).toContain('href="#handling"');

    const noExhibit = await previewIssue(spoc, done.app.id, { kind: 'final', handling: 'evidential', supersedes: 'none' });
    expect(noExhibit.text).toContain('href="#exhibitReference"');

    const open = await checkedAcquisition(t, csps, false);
    const notReady = await previewIssue(spoc, open.app.id, { kind: 'final', handling: 'intelligence', supersedes: 'none' });
    expect(notReady.status).toBe(422);
    expect(notReady.text).toContain('A final product needs every request to a CSP finished and checked; issue an interim product meanwhile.');
    expect(notReady.text).toContain('value="final" checked');
    const interim = await previewIssue(spoc, open.app.id, { kind: 'interim', handling: 'intelligence', supersedes: 'none' });
    expect(interim.status).toBe(200);
    expect(interim.text).toContain(`Interim product 1. Intelligence product. URN ${open.app.urn}.`);
  });

  it('issues the product once however often the confirmation is posted, and goes to its page', async () => {
    const acquisition = await checkedAcquisition(t, csps);
    const preview = await previewIssue(spoc, acquisition.app.id, { kind: 'final', handling: 'evidential', exhibitReference: 'JS/1', supersedes: 'none' });
    expect(preview.text).toContain('Exhibit JS/1');
    expect(preview.text).toContain('Produced by Pat Spoc');
    const first = await confirmPreview(spoc, acquisition.app.id, preview.text);
    expect(first.status).toBe(303);
    const again = await confirmPreview(spoc, acquisition.app.id, preview.text);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);
    expect(await productsOf(acquisition.app.id)).toBe(1);
    const product = await t.dataSource.getRepository(ProductEntity).findOneByOrFail({ applicationId: acquisition.app.id });
    expect(first.headers.location).toBe(`/web/products/${product.id}`);
    expect(product).toMatchObject({ kind: 'final', handling: 'evidential', exhibitReference: 'JS/1', productNumber: 1 });

    const page = await spoc.get(first.headers.location).expect(200);
    expect(page.text).toContain('Final product 1');
    expect(page.text).toContain('EVIDENTIAL - HANDLE AS AN EXHIBIT AND KEEP ITS CONTINUITY');
    expect(page.text).toContain(`href="/web/products/${product.id}/send"`);
  });

  it('refuses the confirmation without its CSRF token, issuing nothing', async () => {
    const acquisition = await checkedAcquisition(t, csps);
    const preview = await previewIssue(spoc, acquisition.app.id, { kind: 'final', handling: 'intelligence', supersedes: 'none' });
    const res = await confirmPreview(spoc, acquisition.app.id, preview.text, { _csrf: 'forged' });
    expect(res.status).toBe(403);
    expect(await productsOf(acquisition.app.id)).toBe(0);
    const preview2 = await spoc.post(`/web/applications/${acquisition.app.id}/products/preview`).type('form').send({ kind: 'final', handling: 'intelligence' });
    expect(preview2.status).toBe(403);
  });

  it('a correction supersedes the product it names, and the list says which replaced which', async () => {
    const acquisition = await checkedAcquisition(t, csps);
    const first = await issued(t, acquisition.app.id, { kind: 'interim', handling: 'intelligence' });
    const form = await spoc.get(`/web/applications/${acquisition.app.id}/products/new`).expect(200);
    expect(form.text).toContain(`value="${first.id}"`);
    const unexplained = await previewIssue(spoc, acquisition.app.id, { kind: 'final', handling: 'intelligence', supersedes: first.id });
    expect(unexplained.status).toBe(400);
    expect(unexplained.text).toContain('href="#reason"');
    const preview = await previewIssue(spoc, acquisition.app.id, { kind: 'final', handling: 'intelligence', supersedes: first.id, reason: 'All returns are now checked.' });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Interim product 1');
    expect((await confirmPreview(spoc, acquisition.app.id, preview.text)).status).toBe(303);

    const list = await spoc.get(`/web/applications/${acquisition.app.id}/products`).expect(200);
    expect(list.text).toContain('Superseded by product 2');
    expect(list.text).toContain('Supersedes product 1: All returns are now checked.');
    const old = await spoc.get(`/web/products/${first.id}`).expect(200);
    expect(old.text).toContain('This product was superseded by');
    const form2 = await spoc.get(`/web/applications/${acquisition.app.id}/products/new`).expect(200);
    expect(form2.text).not.toContain(`value="${first.id}"`);
  });

  it('keeps the answers when the SPOC goes back from the preview to change them, never putting them in a URL', async () => {
    const before = await productsOf(done.app.id);
    const preview = await previewIssue(spoc, done.app.id, { kind: 'interim', handling: 'evidential', exhibitReference: 'AB/2', supersedes: 'none' });
    expect(preview.status).toBe(200);
    expect(preview.text).not.toContain('method="get"');
    const res = await changeAnswers(spoc, done.app.id, preview.text);
    expect(res.status).toBe(200);
    expect(res.text).toContain('value="interim" checked');
    expect(res.text).toContain('value="evidential" checked');
    expect(res.text).toContain('value="AB/2"');
    expect(await productsOf(done.app.id)).toBe(before);
    // The form's GET takes no answers from a query string.
    const get = await spoc.get(`/web/applications/${done.app.id}/products/new?kind=interim&handling=evidential&exhibitReference=AB%2F2`).expect(200);
    expect(get.text).not.toContain('value="AB/2"');
    expect(get.text).not.toContain('value="interim" checked');
    expect((await changeAnswers(spoc, done.app.id, preview.text, { _csrf: 'forged' })).status).toBe(403);
  });

  describe('recording that a product was sent', () => {
    let productId: string;
    beforeAll(async () => {
      const acquisition = await checkedAcquisition(t, csps);
      productId = (await issued(t, acquisition.app.id, { kind: 'final', handling: 'intelligence' })).id;
    });
    const sendPage = () => `/web/products/${productId}/send`;

    it('offers the active people of the product’s authority and logs the sending once', async () => {
      const form = await spoc.get(sendPage()).expect(200);
      expect(form.text).toContain('DS Sam Second');
      expect(form.text).not.toContain('Oren Spoc');
      const recipientId = await userId(t, 'applicant2');
      const page = await spoc.get(sendPage());
      const fields = { _csrf: hiddenField(page.text, '_csrf'), idempotencyKey: hiddenField(page.text, 'idempotencyKey'), recipientId, note: 'For the arrest briefing.' };
      const first = await spoc.post(sendPage()).type('form').send(fields);
      expect(first.status).toBe(303);
      expect(first.headers.location).toBe(`/web/products/${productId}#log`);
      expect((await spoc.post(sendPage()).type('form').send(fields)).status).toBe(303);
      expect(await logOf(productId)).toBe(1);
      const product = await spoc.get(`/web/products/${productId}`).expect(200);
      expect(product.text).toContain('Sent by the SPOC');
      expect(product.text).toContain('DS Sam Second');
      expect(product.text).toContain('For the arrest briefing.');
    });

    it('shows a missing recipient and note on the form, and refuses a post without its CSRF token', async () => {
      const before = await logOf(productId);
      const empty = await submitForm(spoc, sendPage(), { recipientId: '', note: '' });
      expect(empty.status).toBe(400);
      expect(empty.text).toContain('href="#recipientId"');
      expect(empty.text).toContain('href="#note"');
      const forged = await submitForm(spoc, sendPage(), { recipientId: await userId(t, 'applicant2'), note: 'x', _csrf: 'forged' });
      expect(forged.status).toBe(403);
      const otherAuthority = await submitForm(spoc, sendPage(), { recipientId: await userId(t, 'other-applicant'), note: 'Wrong force.' });
      expect(otherAuthority.status).toBe(422);
      expect(otherAuthority.text).toContain('Not an active user of the product’s authority.');
      expect(await logOf(productId)).toBe(before);
    });
  });

  it('downloads the application record as the API renders it, never cached', async () => {
    const res = await binary(spoc, `/web/applications/${done.app.id}/record.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    const text = squash((await extractPdfText(res.bytes)).pages.map((p) => p.text).join('\n'));
    expect(text).toContain(done.app.urn);
    expect(text).toContain('OFFICIAL-SENSITIVE');
  });

  describe('another authority and other roles', () => {
    let productId: string;
    beforeAll(async () => {
      productId = (await issued(t, done.app.id, { kind: 'interim', handling: 'intelligence' })).id;
    });
    const app = () => done.app.id;

    it('is "Page not found" for another authority’s SPOC, as a missing record', async () => {
      const other = await webAgent(t, 'other-spoc');
      for (const path of [`/web/applications/${app()}/products`, `/web/applications/${app()}/products/new`, `/web/applications/${app()}/record.pdf`, `/web/products/${productId}`, `/web/products/${productId}/pdf`, `/web/products/${productId}/send`]) {
        const res = await other.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
        expect(res.text).toContain('Page not found');
      }
      const before = await productsOf(app());
      const page = await other.get('/sign-out').expect(200);
      const preview = await other.post(`/web/applications/${app()}/products/preview`).type('form').send({ _csrf: hiddenField(page.text, '_csrf'), kind: 'interim', handling: 'intelligence' });
      expect(preview.status).toBe(404);
      const issue = await other.post(`/web/applications/${app()}/products`).type('form').send({ _csrf: hiddenField(page.text, '_csrf'), idempotencyKey: crypto.randomUUID(), kind: 'interim', handling: 'intelligence' });
      expect(issue.status).toBe(404);
      expect(await productsOf(app())).toBe(before);
    });

    it('is "You cannot do that" for a role the page is not for', async () => {
      const cases: [string, string][] = [
        ['dso', `/web/applications/${app()}/products`],
        ['applicant', `/web/applications/${app()}/products/new`],
        ['applicant', `/web/applications/${app()}/record.pdf`],
        ['applicant', `/web/products/${productId}/send`],
        ['ocda', `/web/products/${productId}`],
        ['jc', `/web/products/${productId}/pdf`],
      ];
      for (const [user, path] of cases) {
        const res = await (await webAgent(t, user)).get(path);
        expect({ user, path, status: res.status }).toEqual({ user, path, status: 403 });
        expect(res.text).toContain('You cannot do that');
      }
    });
  });
});
