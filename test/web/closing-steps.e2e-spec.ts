/**
 * The steps that end an authorised application's life, as pages (src/web/record/closing-steps.controller.ts; issue
 * 20), on both databases: the SPOC records the product issued once the returns are checked and a final product
 * stands; someone entitled cancels it (asking for cancellation is for those who may not); the application is closed.
 * Each is offered on the record page only when the service allows it, shows the rule's words when it does not,
 * is refused with the field named when its reason is missing, and runs once however often it is posted.
 */
import type TestAgent from 'supertest/lib/agent';
import { checkedAcquisition, issued } from '../support/products-http';
import { cspIds } from '../support/returns-http';
import { createTestApp, isPostgres, type TestApp } from '../support/test-app';
import { agentsFor, hiddenField, submitForm } from '../support/web-session';

describe(`the closing steps of an application (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let csps: Map<string, string>;
  let as: (username: string) => Promise<TestAgent>;

  beforeAll(async () => {
    t = await createTestApp();
    csps = await cspIds(t);
    as = agentsFor(() => t);
  });
  afterAll(() => t.close());

  const stored = async (id: string) =>
    (await t.http().get(`/applications/${id}`).set('Authorization', `Bearer ${await t.token('spoc')}`).expect(200)).body as { status: string; version: number };

  it('records the product issued only once a final product stands: before, the page gives the rule’s words; after, one effect however often posted', async () => {
    const { app } = await checkedAcquisition(t, csps);
    const spoc = await as('spoc');
    const before = await spoc.get(`/web/applications/${app.id}/product-issued`).expect(200);
    expect(before.text).toContain('data-testid="not-possible"');
    expect(before.text).toMatch(/You cannot do this now: .*final product/i);
    expect((await spoc.get(`/web/applications/${app.id}`).expect(200)).text).not.toContain(`/web/applications/${app.id}/product-issued`);

    await issued(t, app.id, { kind: 'final', handling: 'intelligence' });
    const record = await spoc.get(`/web/applications/${app.id}`).expect(200);
    expect(record.text).toContain(`href="/web/applications/${app.id}/product-issued"`);
    const page = await spoc.get(`/web/applications/${app.id}/product-issued`).expect(200);
    const fields = Object.fromEntries(['_csrf', 'idempotencyKey', 'version'].map((name) => [name, hiddenField(page.text, name) ?? '']));
    for (let i = 0; i < 2; i += 1) {
      const sent = await spoc.post(`/web/applications/${app.id}/product-issued`).type('form').send(fields);
      expect({ status: sent.status, location: sent.headers.location }).toEqual({ status: 303, location: `/web/applications/${app.id}?done=productIssued` });
    }
    expect(await stored(app.id)).toMatchObject({ status: 'productIssued', version: Number(fields.version) + 1 });
    expect((await spoc.get(`/web/applications/${app.id}?done=productIssued`).expect(200)).text).toContain('Product recorded as issued');
  });

  it('cancels with a reason (the field named when it is missing); asking for cancellation is refused with the rule’s words to one who may cancel; then closes it', async () => {
    const { app } = await checkedAcquisition(t, csps);
    const applicant = await as('applicant');
    // Under OCDA's authorisation the applicant may cancel it (IPA s.65), so asking for it is refused with the rule's words.
    const ask = await applicant.get(`/web/applications/${app.id}/request-cancellation`).expect(200);
    expect(ask.text).toContain('data-testid="not-possible"');
    expect(ask.text).toContain('You may cancel this authorisation yourself');

    const missing = await submitForm(applicant, `/web/applications/${app.id}/cancel`, { reason: '' });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('href="#reason"');
    expect((await stored(app.id)).status).toBe('authorised');

    const cancelled = await submitForm(applicant, `/web/applications/${app.id}/cancel`, { reason: 'No longer necessary: the suspect has been charged.' });
    expect({ status: cancelled.status, location: cancelled.headers.location }).toEqual({ status: 303, location: `/web/applications/${app.id}?done=cancelled` });
    expect((await stored(app.id)).status).toBe('cancelled');
    expect((await applicant.get(`/web/applications/${app.id}`).expect(200)).text).toContain('No longer necessary: the suspect has been charged.');

    // Closing is the SPOC's or the SRO's: the applicant is refused and nothing changes; the SRO closes it.
    expect((await submitForm(applicant, `/web/applications/${app.id}/close`, { reason: 'Done with it.' })).status).toBe(403);
    expect((await stored(app.id)).status).toBe('cancelled');
    const sro = await as('sro');
    const closed = await submitForm(sro, `/web/applications/${app.id}/close`, { reason: 'The investigation ended; nothing more will be acquired.' });
    expect({ status: closed.status, location: closed.headers.location }).toEqual({ status: 303, location: `/web/applications/${app.id}?done=closed` });
    expect((await stored(app.id)).status).toBe('closed');
  });
});
