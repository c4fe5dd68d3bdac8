/**
 * Products over real HTTP, on SQLite and PostgreSQL (docs/products.md): issued from the checked returns and
 * read back from the PDF with pdf-parse; immutable (the bytes and hash never change, the database refuses a
 * change, a correction supersedes); deterministic (the stored content rendered again in two separate processes
 * gives the stored bytes); every sending and download logged; ISSUE_PRODUCT waits for a final product.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ProductEntity } from '../src/products/product.entity';
import { PRODUCT_MAX_ROWS } from '../src/products/products.service';
import { createApplication, sendEvent as sendApplicationEvent } from './support/applications';
import { extractPdfText, occurrences, squash } from './support/errors-pdf-text';
import { expectProblem } from './support/guards-no-change';
import { checkedAcquisition, fixture, issue, issued, LATE_CALL, pdfBytes, received, type Acquisition } from './support/products-http';
import { bearer, cspIds, sentRequests } from './support/returns-http';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const DRIVER = isPostgres() ? 'PostgreSQL' : 'SQLite';
const run = promisify(execFile);
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const MARKING = 'OFFICIAL-SENSITIVE';

describe(`products (${DRIVER})`, () => {
  let t: TestApp;
  let csps: Map<string, string>;
  let done: Acquisition;
  beforeAll(async () => {
    t = await createTestApp();
    csps = await cspIds(t);
    done = await checkedAcquisition(t, csps);
  });
  afterAll(() => t.close());

  const text = async (bytes: Buffer) => squash((await extractPdfText(bytes)).pages.map((page) => page.text).join('\n'));

  it('an intelligence product carries every row and the hash of every return, and leaves out the CSP names and notes', async () => {
    const product = await issued(t, done.app.id, { kind: 'final', handling: 'intelligence' });
    const uploaded = [done.returns.subscriber, done.returns.calls, done.returns.ip].map((r) => r.sha256);
    expect(product).toMatchObject({ productNumber: 1, kind: 'final', handling: 'intelligence', exhibitReference: null, supersedes: null, withheld: ['cspNames', 'spocNotes'] });
    expect([...product.returnSha256s].sort()).toEqual([...uploaded].sort());
    expect(product.rowCount).toBe(5 + 9 + 1);

    const pdf = await pdfBytes(t, `/products/${product.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(sha256(pdf.bytes)).toBe(product.pdfSha256);
    const body = await text(pdf.bytes);
    for (const hash of uploaded) expect(body.replace(/\s/g, '')).toContain(hash);
    expect(body).toContain('Alex Example');
    expect(body).toContain('Jordan Specimen');
    expect(body).toContain('Sam Sample');
    for (const party of ['+447700900555', '+447700900777', 'BANK', '999']) expect(body).toContain(party);
    expect(body).toContain('INTELLIGENCE ONLY');
    expect(body).not.toContain('Example Mobile');
    expect(body).not.toContain('Sample Broadband');
    expect(body).not.toMatch(/Exhibit [A-Z]/);
  });

  it('an evidential product is an exhibit with its continuity and names the CSPs', async () => {
    const product = await issued(t, done.app.id, { kind: 'final', handling: 'evidential', exhibitReference: 'PS/1' });
    expect(product).toMatchObject({ handling: 'evidential', exhibitReference: 'PS/1', withheld: [] });
    const body = await text((await pdfBytes(t, `/products/${product.id}/pdf`)).bytes);
    expect(body).toContain('Exhibit PS/1');
    expect(body).toMatch(/[Cc]ontinuity/);
    expect(body).toContain('Example Mobile');
    expect(body).toContain('Sample Broadband');
    expect(body).not.toContain('INTELLIGENCE ONLY');
    expectProblem(await issue(t, done.app.id, { kind: 'final', handling: 'evidential' }), 400, 'VALIDATION_FAILED');
    const stray = await issue(t, done.app.id, { kind: 'final', handling: 'intelligence', exhibitReference: 'PS/9' });
    expectProblem(stray, 400, 'VALIDATION_FAILED');
    expect(stray.body).toMatchObject({ errors: [{ field: 'exhibitReference' }] });
    const loose = await issue(t, done.app.id, { kind: 'final', handling: 'intelligence', reason: 'no product named' });
    expectProblem(loose, 400, 'VALIDATION_FAILED');
    expect(loose.body).toMatchObject({ errors: [{ field: 'reason' }] });
  });

  it('the application’s product.pdf is its latest final product that nothing superseded', async () => {
    const acquisition = await checkedAcquisition(t, csps);
    const final = await issued(t, acquisition.app.id, { kind: 'final', handling: 'intelligence' });
    expect(sha256((await pdfBytes(t, `/applications/${acquisition.app.id}/product.pdf`)).bytes)).toBe(final.pdfSha256);
    await issued(t, acquisition.app.id, { kind: 'interim', handling: 'intelligence', supersedes: final.id, reason: 'A row was wrong; the corrected final product follows.' });
    expectProblem(await t.http().get(`/applications/${acquisition.app.id}/product.pdf`).set('authorization', await bearer(t)), 404, 'NOT_FOUND');
    // With its final product withdrawn, the application may not be closed as having given one.
    const app = (await t.http().get(`/applications/${acquisition.app.id}`).set('authorization', await bearer(t)).expect(200)).body as { blockedEvents: { event: string; code: string }[] };
    expect(app.blockedEvents).toContainEqual(expect.objectContaining({ event: 'ISSUE_PRODUCT', code: 'FINAL_PRODUCT_NOT_ISSUED' }));
    const corrected = await issued(t, acquisition.app.id, { kind: 'final', handling: 'intelligence' });
    expect(sha256((await pdfBytes(t, `/applications/${acquisition.app.id}/product.pdf`)).bytes)).toBe(corrected.pdfSha256);
  });

  it('no identifier from another application reaches a product', async () => {
    const other = await checkedAcquisition(t, csps, true, ['+447911123456,+447700900444,2026-03-15T10:00:00Z,20,voice,out,CELL-7']);
    const theirs = await issued(t, other.app.id, { kind: 'final', handling: 'evidential', exhibitReference: 'PS/2' });
    expect(await text((await pdfBytes(t, `/products/${theirs.id}/pdf`)).bytes)).toContain('+447700900444');
    const ours = await issued(t, done.app.id, { kind: 'final', handling: 'evidential', exhibitReference: 'PS/4' });
    const body = await text((await pdfBytes(t, `/products/${ours.id}/pdf`)).bytes);
    expect(body).toContain(done.app.urn);
    expect(body).not.toContain(other.app.urn);
    expect(body).not.toContain('+447700900444');
    expect(body.replace(/\s/g, '')).not.toContain(other.returns.calls.sha256);
  });

  it('a product never changes: later returns leave its bytes alone, the database refuses a change, a correction supersedes it', async () => {
    const open = await checkedAcquisition(t, csps, false);
    const interim = await issued(t, open.app.id, { kind: 'interim', handling: 'intelligence' });
    expectProblem(await issue(t, open.app.id, { kind: 'final', handling: 'intelligence' }), 422, 'PRODUCT_FINAL_NOT_READY');
    const before = await pdfBytes(t, `/products/${interim.id}/pdf`);

    // Another part arrives for the call records after the interim product was issued.
    const more = `${fixture('call-data-records.csv').split('\n')[0]}\n+447911123456,+447700900888,2026-03-30T10:00:00Z,40,voice,out,CELL-5\n`;
    await received(t, open.mobile.id, more, 'd2', 'calls-2.csv');
    const after = await pdfBytes(t, `/products/${interim.id}/pdf`);
    expect(Buffer.compare(after.bytes, before.bytes)).toBe(0);
    expect(sha256(after.bytes)).toBe(interim.pdfSha256);
    expect((await t.http().get(`/products/${interim.id}`).set('authorization', await bearer(t)).expect(200)).body).toMatchObject({ pdfSha256: interim.pdfSha256, contentSha256: interim.contentSha256 });
    await expect(t.dataSource.query(`UPDATE product SET pdf_sha256 = 'x' WHERE id = '${interim.id}'`)).rejects.toThrow(/cannot be changed/);
    await expect(t.dataSource.query(`DELETE FROM product_pdf WHERE product_id = '${interim.id}'`)).rejects.toThrow(/cannot be changed/);
    if (isPostgres()) await expect(t.dataSource.query('TRUNCATE product_dissemination')).rejects.toThrow(/cannot be changed/);

    const correction = await issued(t, open.app.id, { kind: 'interim', handling: 'intelligence', supersedes: interim.id, reason: 'The second part of the call records arrived.' });
    expect(correction).toMatchObject({ productNumber: 2, supersedes: { id: interim.id, reason: 'The second part of the call records arrived.' } });
    expect(correction.rowCount).toBe(interim.rowCount + 1);
    expect((await t.http().get(`/products/${interim.id}`).set('authorization', await bearer(t)).expect(200)).body).toMatchObject({ supersededBy: correction.id, pdfSha256: interim.pdfSha256 });
    expect(await text((await pdfBytes(t, `/products/${correction.id}/pdf`)).bytes)).toMatch(/Supersedes Product 1 \(/);
    expectProblem(await issue(t, open.app.id, { kind: 'interim', handling: 'intelligence', supersedes: interim.id, reason: 'again' }), 409, 'PRODUCT_ALREADY_SUPERSEDED');
    expectProblem(await issue(t, open.app.id, { kind: 'interim', handling: 'intelligence', supersedes: interim.id }), 400, 'VALIDATION_FAILED');
  });

  it('rendering the stored content again in two separate processes gives the stored bytes', async () => {
    const product = await issued(t, done.app.id, { kind: 'final', handling: 'intelligence' });
    const [row] = await t.dataSource.getRepository(ProductEntity).find({ where: { id: product.id } });
    const stored = (await pdfBytes(t, `/products/${product.id}/pdf`)).bytes;
    const dir = mkdtempSync(join(tmpdir(), 'product-render-'));
    try {
      const contentFile = join(dir, 'content.json');
      writeFileSync(contentFile, row.content);
      const script = join(__dirname, 'support', 'render-product-process.mjs');
      // A different zone, clock and locale in each process: the bytes depend on the content alone.
      const outputs = await Promise.all(
        [{ TZ: 'UTC', FAKE_NOW: '2031-01-01T00:00:00Z', LANG: 'C' }, { TZ: 'America/New_York', FAKE_NOW: '1999-12-31T23:59:59Z', LANG: 'de_DE.UTF-8' }].map(async (env, i) => {
          const out = join(dir, `render-${i}.pdf`);
          await run(process.execPath, [script, contentFile, out], { env: { ...process.env, ...env } });
          return readFileSync(out);
        }),
      );
      expect(Buffer.compare(outputs[0], outputs[1])).toBe(0);
      expect(Buffer.compare(outputs[0], stored)).toBe(0);
      expect(sha256(outputs[0])).toBe(product.pdfSha256);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sending and downloading each add one entry to the log, listed by product and by application', async () => {
    const acquisition = await checkedAcquisition(t, csps);
    const product = await issued(t, acquisition.app.id, { kind: 'final', handling: 'intelligence' });
    const users = await t.dataSource.query<{ id: string; username: string }[]>(`SELECT id, username FROM user_account WHERE username IN ('applicant', 'other-spoc')`);
    const idOf = (name: string) => users.find((u) => u.username === name)?.id;
    const log = async (path: string) => ((await t.http().get(path).set('authorization', await bearer(t)).expect(200)).body as { items: { action: string; recipient: { id: string } }[] }).items;

    expect(await log(`/products/${product.id}/disseminations`)).toEqual([]);
    const sent = await t.http().post(`/products/${product.id}/disseminations`).set('authorization', await bearer(t)).send({ recipientId: idOf('applicant'), note: 'For the officer in the case.' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ action: 'sent', recipient: { id: idOf('applicant') }, note: 'For the officer in the case.' });
    expect(await log(`/products/${product.id}/disseminations`)).toHaveLength(1);

    expect((await pdfBytes(t, `/applications/${acquisition.app.id}/product.pdf`, 'applicant')).status).toBe(200);
    const entries = await log(`/products/${product.id}/disseminations`);
    expect(entries.map((e) => e.action)).toEqual(['sent', 'downloaded']);
    expect(entries[1].recipient.id).toBe(idOf('applicant'));
    expect(await log(`/applications/${acquisition.app.id}/disseminations`)).toHaveLength(2);
    expect(await log(`/applications/${done.app.id}/disseminations`)).not.toContainEqual(expect.objectContaining({ productId: product.id }));

    const refused = await t.http().post(`/products/${product.id}/disseminations`).set('authorization', await bearer(t)).send({ recipientId: idOf('other-spoc'), note: 'Across the border.' });
    expectProblem(refused, 422, 'DISSEMINATION_RECIPIENT_INVALID');
    expect(await log(`/products/${product.id}/disseminations`)).toHaveLength(2);
    // Another authority's SPOC does not see the product at all.
    expectProblem(await t.http().get(`/products/${product.id}`).set('authorization', await bearer(t, 'other-spoc')), 404, 'NOT_FOUND');
  });

  it('ISSUE_PRODUCT waits for a final product; a product needs a SPOC and checked data', async () => {
    const acquisition = await checkedAcquisition(t, csps);
    let app = (await t.http().get(`/applications/${acquisition.app.id}`).set('authorization', await bearer(t)).expect(200)).body as { id: string; version: number; blockedEvents: { event: string; code: string }[] };
    expect(app.blockedEvents).toContainEqual(expect.objectContaining({ event: 'ISSUE_PRODUCT', code: 'FINAL_PRODUCT_NOT_ISSUED' }));
    expectProblem(await issue(t, acquisition.app.id, { kind: 'final', handling: 'intelligence' }, 'applicant'), 403);
    await issued(t, acquisition.app.id, { kind: 'final', handling: 'intelligence' });
    app = (await t.http().get(`/applications/${acquisition.app.id}`).set('authorization', await bearer(t)).expect(200)).body as typeof app;
    const res = await sendApplicationEvent(t, 'spoc', app, { type: 'ISSUE_PRODUCT' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'productIssued' });

    // Requests still open: a final product waits for them; an interim one does not.
    const open = await checkedAcquisition(t, csps, false);
    expectProblem(await issue(t, open.app.id, { kind: 'final', handling: 'intelligence' }), 422, 'PRODUCT_FINAL_NOT_READY');
    // The only return has a failed check nobody has reviewed yet: nothing checked to give.
    const { app: unchecked, mobile } = await sentRequests(t, csps);
    await received(t, mobile.id, `${fixture('call-data-records.csv').trimEnd()}\n${LATE_CALL}\n`, 'd2', 'calls.csv');
    expectProblem(await issue(t, unchecked.id, { kind: 'interim', handling: 'intelligence' }), 422, 'PRODUCT_NOTHING_CHECKED');
    const draft = await createApplication(t, 'applicant');
    const notYet = await issue(t, draft.id, { kind: 'interim', handling: 'intelligence' });
    expectProblem(notYet, 409, 'PRODUCT_NOT_ALLOWED');
    expect((notYet.body as { detail: string }).detail).toBe('A product cannot be issued while the application\'s state is "draft".');
  });

  it('a product carries at most PRODUCT_MAX_ROWS rows', async () => {
    const { app, mobile } = await sentRequests(t, csps);
    const start = Date.parse('2026-03-01T00:00:00Z');
    const rows = Array.from({ length: PRODUCT_MAX_ROWS + 1 }, (_, i) => `+447911123456,+447700900555,${new Date(start + i * 60_000).toISOString()},10,voice,out,CELL-1`);
    await received(t, mobile.id, [fixture('call-data-records.csv').split('\n')[0], ...rows, ''].join('\n'), 'd2', 'many-calls.csv');
    const refused = await issue(t, app.id, { kind: 'interim', handling: 'intelligence' });
    expectProblem(refused, 422, 'PRODUCT_TOO_LARGE');
    expect((refused.body as { detail: string }).detail).toContain(`${PRODUCT_MAX_ROWS + 1} rows`);
  });

  it('two products issued at once are both kept, numbered one after the other', async () => {
    const acquisition = await checkedAcquisition(t, csps);
    const answers = await Promise.all([1, 2].map(() => issue(t, acquisition.app.id, { kind: 'final', handling: 'intelligence' })));
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(answers.map((a) => (a.body as { productNumber: number }).productNumber).sort()).toEqual([1, 2]);
    const listed = (await t.http().get(`/applications/${acquisition.app.id}/products`).set('authorization', await bearer(t)).expect(200)).body as { items: { productNumber: number }[] };
    expect(listed.items.map((p) => p.productNumber)).toEqual([1, 2]);
  });

  it('an issue repeated with its Idempotency-Key answers the product it made, and makes no second one', async () => {
    const acquisition = await checkedAcquisition(t, csps);
    const post = async () =>
      t.http().post(`/applications/${acquisition.app.id}/products`).set('authorization', await bearer(t)).set('Idempotency-Key', `issue-${acquisition.app.id}`).send({ kind: 'final', handling: 'intelligence' });
    const first = await post();
    const again = await post();
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    const listed = (await t.http().get(`/applications/${acquisition.app.id}/products`).set('authorization', await bearer(t)).expect(200)).body as { items: unknown[] };
    expect(listed.items).toHaveLength(1);
  });

  it('the marking is on every page of the product', async () => {
    const product = await issued(t, done.app.id, { kind: 'final', handling: 'evidential', exhibitReference: 'PS/3' });
    const extracted = await extractPdfText((await pdfBytes(t, `/products/${product.id}/pdf`)).bytes);
    expect(extracted.total).toBeGreaterThan(1);
    for (const page of extracted.pages) expect({ page: page.num, markings: occurrences(page.text, MARKING) }).toEqual({ page: page.num, markings: 2 });
  });
});
