/**
 * The SPOC's acquisition through the pages (issue 20, item 1), on both databases: from an authorised application,
 * a request to each of two CSPs made, sent and downloaded (HI-1 JSON, copy pack, never stored by the browser); a
 * clean return uploaded for one and a return with a mismatching row for the other; the failed check shown with the
 * suspected error it raised; the check reviewed, each request marked checked; a nil return recorded; the
 * overlapping acquisitions. Each page calls the API's own service, so what the API records the page records.
 */
import type TestAgent from 'supertest/lib/agent';
import { DisclosureReturnEntity } from '../../src/disclosures/returns/disclosure-return.entity';
import { createApplication, GRANT_DECISION, SPOC_SECTION, step, type AppRecord } from '../support/applications';
import { bearer, cspIds, GRANTED_AT, RETURNS_FORM } from '../support/returns-http';
import { createTestApp, isPostgres, type TestApp } from '../support/test-app';
import { webAgent } from '../support/web-session';
import { authorisedApplication, createThroughPage, formOn, IP_CSV_MISMATCH, sendEventForm, SUBSCRIBER_CSV, uploadThroughPage } from './acquisition-world';

describe(`the SPOC's acquisition pages (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let spoc: TestAgent;
  let csps: Map<string, string>;
  let app: AppRecord;

  beforeAll(async () => {
    t = await createTestApp();
    spoc = await webAgent(t, 'spoc');
    csps = await cspIds(t);
    app = await authorisedApplication(t);
  });
  afterAll(() => t.close());

  async function apiRequest(id: string): Promise<{ status: string; cspStatus: string | null; version: number }> {
    const res = await t.http().get(`/disclosure-requests/${id}`).set('authorization', await bearer(t)).expect(200);
    return res.body as { status: string; cspStatus: string | null; version: number };
  }

  it('lists no request yet, the authorised items to choose from, and refuses a form with nothing chosen', async () => {
    const page = await spoc.get(`/web/applications/${app.id}/acquisition`).expect(200);
    expect(page.text).toContain('No request has been made yet.');
    expect(page.text).toContain(`/web/applications/${app.id}/acquisition/new`);
    expect(page.text).toContain('No overlapping acquisition.');
    const path = `/web/applications/${app.id}/acquisition/new`;
    const form = await spoc.get(path).expect(200);
    expect(form.text).toContain('Example Mobile Ltd');
    expect(form.text).toMatch(/name="items" type="checkbox" value="d3"/);
    const refused = await spoc.post(path).type('form').send({ ...formOn(form.text, path) });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#cspId"');
    expect(refused.text).toContain('href="#items"');
  });

  it('refuses an item the CSP cannot answer, on the form, and makes nothing', async () => {
    const path = `/web/applications/${app.id}/acquisition/new`;
    const form = await spoc.get(path).expect(200);
    const refused = await spoc.post(path).type('form').send({ ...formOn(form.text, path), cspId: csps.get('samplebroadband'), items: ['d1'] });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('href="#items"');
    expect(refused.text).toContain('does not answer subscriber');
    const list = await t.http().get(`/applications/${app.id}/disclosure-requests`).set('authorization', await bearer(t)).expect(200);
    expect((list.body as { items: unknown[] }).items).toHaveLength(0);
  });

  describe('two requests to two CSPs', () => {
    let mobile: string;
    let broadband: string;

    beforeAll(async () => {
      mobile = await createThroughPage(spoc, app, csps.get('examplemobile') ?? '', ['d1']);
      broadband = await createThroughPage(spoc, app, csps.get('samplebroadband') ?? '', ['d3']);
    });

    it('makes one request per form, however often it is posted', async () => {
      const path = `/web/applications/${app.id}/acquisition/new`;
      const form = await spoc.get(path).expect(200);
      const fields = { ...formOn(form.text, path), cspId: csps.get('examplemobile'), items: ['d2'] };
      const first = await spoc.post(path).type('form').send(fields).expect(303);
      const second = await spoc.post(path).type('form').send(fields).expect(303);
      expect(second.headers.location).toBe(first.headers.location);
      const list = await t.http().get(`/applications/${app.id}/disclosure-requests`).set('authorization', await bearer(t)).expect(200);
      expect((list.body as { items: unknown[] }).items).toHaveLength(3);
    });

    it('lists them by CSP, with our state beside what the CSP reported', async () => {
      const page = await spoc.get(`/web/applications/${app.id}/acquisition`).expect(200);
      expect(page.text).toContain('Requests to Example Mobile Ltd');
      expect(page.text).toContain('Requests to Sample Broadband plc');
      expect(page.text).toContain('Not yet sent to the operator');
      expect(page.text).toContain('Nothing reported yet');
      expect(page.text).toContain(`/web/disclosure-requests/${mobile}`);
    });

    it('downloads the HI-1 message and the copy pack, never stored, as the API builds them', async () => {
      const hi1 = await spoc.get(`/web/disclosure-requests/${mobile}/hi1`).expect(200);
      expect(hi1.headers['cache-control']).toBe('no-store');
      expect(hi1.headers['content-disposition']).toBe(`attachment; filename="disclosure-request-${mobile}-hi1.json"`);
      const api = await t.http().get(`/disclosure-requests/${mobile}/hi1`).set('authorization', await bearer(t)).expect(200);
      expect(JSON.parse(hi1.text)).toEqual(api.body);
      const pack = await spoc.get(`/web/disclosure-requests/${mobile}/copy-pack`).expect(200);
      expect(pack.headers['cache-control']).toBe('no-store');
      expect(pack.headers['content-type']).toBe('text/plain; charset=utf-8');
      const apiPack = await t.http().get(`/disclosure-requests/${mobile}/copy-pack`).set('authorization', await bearer(t)).expect(200);
      expect(pack.text).toBe(apiPack.text);
      expect(pack.text).toContain('+447911123456');
    });

    it('sends each request, records an acknowledgement, and refuses a form shown before a change', async () => {
      for (const id of [mobile, broadband]) {
        const sent = await sendEventForm(spoc, id, 'SEND');
        expect({ status: sent.status, location: sent.headers.location }).toEqual({ status: 303, location: `/web/disclosure-requests/${id}` });
      }
      expect(await apiRequest(mobile)).toMatchObject({ status: 'sent', cspStatus: null });
      const stale = await spoc.get(`/web/disclosure-requests/${mobile}`).expect(200);
      const empty = await sendEventForm(spoc, mobile, 'CSP_ACKNOWLEDGED', { cspReference: '' });
      expect(empty.status).toBe(422);
      expect(empty.text).toContain('href="#cspReference"');
      const ack = await sendEventForm(spoc, mobile, 'CSP_ACKNOWLEDGED', { cspReference: 'EM/2026/0042' });
      expect(ack.status).toBe(303);
      // The nil return's form was shown before the acknowledgement: refused, never applied to a request it did not show.
      const action = `/web/disclosure-requests/${mobile}/events`;
      const late = await spoc.post(action).type('form').send({ ...formOn(stale.text, action, 'NIL_RETURN'), cspStatement: 'None held.' });
      expect(late.status).toBe(412);
      expect(await apiRequest(mobile)).toMatchObject({ status: 'acknowledged', cspStatus: 'acknowledged' });
      const page = await spoc.get(`/web/disclosure-requests/${mobile}`).expect(200);
      expect(page.text).toContain('Acknowledged by the operator');
      expect(page.text).toContain('EM/2026/0042');
      expect(page.text).toContain('Awaiting disclosure');
    });

    it('takes a clean return: every row passed, the request disclosed', async () => {
      const res = await uploadThroughPage(spoc, mobile, SUBSCRIBER_CSV, { fileName: 'subscriber.csv' });
      expect(res.status).toBe(303);
      expect(String(res.headers.location)).toMatch(new RegExp(`^/web/disclosure-requests/${mobile}/returns/[0-9a-f-]{36}$`));
      const page = await spoc.get(String(res.headers.location)).expect(200);
      expect(page.text).toContain('Every check passed');
      expect(page.text).toContain('Rows 1 to 5 of 5');
      expect(page.text).not.toContain('data-testid="failed-check"');
      expect(await apiRequest(mobile)).toMatchObject({ status: 'disclosed', cspStatus: 'disclosed' });
      const request = await spoc.get(`/web/disclosure-requests/${mobile}`).expect(200);
      expect(request.text).toContain('subscriber.csv');
      expect(request.text).toContain('Every check passed');
    });

    it('refuses the same file twice on the form, and an empty one, storing nothing more', async () => {
      const before = await t.dataSource.getRepository(DisclosureReturnEntity).countBy({ requestId: mobile });
      const twice = await uploadThroughPage(spoc, mobile, SUBSCRIBER_CSV);
      expect(twice.status).toBe(409);
      expect(twice.text).toContain('href="#file"');
      expect(twice.text).toContain('was already received for this request');
      const empty = await uploadThroughPage(spoc, mobile, '');
      expect(empty.status).toBe(422);
      expect(empty.text).toContain('The file is empty');
      expect(await t.dataSource.getRepository(DisclosureReturnEntity).countBy({ requestId: mobile })).toBe(before);
    });

    it('takes a return with a mismatching row: the failed check, its row, and the suspected error it raised', async () => {
      const res = await uploadThroughPage(spoc, broadband, IP_CSV_MISMATCH, { fileName: 'ip.csv' });
      expect(res.status).toBe(303);
      const path = String(res.headers.location);
      const before = await spoc.get(path).expect(200);
      expect(before.text).toContain('Failed: The identifier is the one asked for');
      expect(before.text.match(/data-testid="failed-check"/g)).toHaveLength(1);
      expect(before.text).toContain('It is being entered in the error register');
      await t.relay.drain();
      const page = await spoc.get(path).expect(200);
      const ret = (await t.http().get(`/disclosure-requests/${broadband}/returns`).set('authorization', await bearer(t)).expect(200)).body as {
        items: { checks: { id: string; suspectedErrorEventId: string }[] }[];
      };
      const eventId = ret.items[0].checks[0].suspectedErrorEventId;
      const errors = await t.http().get('/errors?status=suspected&pageSize=100').set('authorization', await bearer(t)).expect(200);
      const entry = (errors.body as { items: { id: string; source: { eventId: string } | null }[] }).items.find((e) => e.source?.eventId === eventId);
      expect(entry).toBeDefined();
      expect(page.text).toContain(`href="/web/errors/${entry?.id}"`);
      expect(page.text).toMatch(/<strong class="govuk-tag govuk-tag--red">Failed: The identifier is the one asked for[^<]*<\/strong>/);
    });

    it('will not mark a request checked before its failed checks are reviewed, then reviews and marks both', async () => {
      const blocked = await spoc.get(`/web/disclosure-requests/${broadband}`).expect(200);
      expect(blocked.text).toContain('Marked as checked: a rule stops it.');
      const ret = (await t.http().get(`/disclosure-requests/${broadband}/returns`).set('authorization', await bearer(t)).expect(200)).body as {
        items: { id: string; checks: { id: string }[] }[];
      };
      const [{ id: returnId, checks }] = ret.items;
      const path = `/web/disclosure-requests/${broadband}/returns/${returnId}`;
      const action = (checkId: string) => `${path}/checks/${checkId}/review`;
      const shown = await spoc.get(path).expect(200);
      const missing = await spoc.post(action(checks[0].id)).type('form').send({ ...formOn(shown.text, action(checks[0].id)) });
      expect(missing.status).toBe(400);
      expect(missing.text).toContain(`href="#${checks[0].id}-decision"`);
      expect(missing.text).toContain(`href="#${checks[0].id}-reason"`);
      const reason = 'The CSP resolved a neighbouring address; the row is set aside and the CSP told.';
      for (const check of checks) {
        const fields = { ...formOn(shown.text, action(check.id)), decision: 'raisedAsError', reason };
        expect((await spoc.post(action(check.id)).type('form').send(fields)).status).toBe(303);
        // The same form again: its first answer, no second review (which the service would refuse).
        expect((await spoc.post(action(check.id)).type('form').send(fields)).status).toBe(303);
      }
      const reviewed = await spoc.get(path).expect(200);
      expect(reviewed.text).toContain('Confirmed as an error');
      expect(reviewed.text).toContain(reason);
      expect(reviewed.text).not.toContain(`action="${action(checks[0].id)}"`);

      for (const id of [mobile, broadband]) expect((await sendEventForm(spoc, id, 'MARK_CHECKED')).status).toBe(303);
      expect(await apiRequest(mobile)).toMatchObject({ status: 'checked', cspStatus: 'disclosed' });
      expect(await apiRequest(broadband)).toMatchObject({ status: 'checked', cspStatus: 'disclosed' });
      const overview = await spoc.get(`/web/applications/${app.id}/acquisition`).expect(200);
      expect(overview.text).toContain('Checked by the SPOC');
      expect(overview.text).toContain('Closed by the authority');
    });
  });

  it('records a nil return with what the operator said, and marks it checked', async () => {
    const id = await createThroughPage(spoc, app, csps.get('examplemobile') ?? '', ['d1', 'd2']);
    expect((await sendEventForm(spoc, id, 'SEND')).status).toBe(303);
    const nil = await sendEventForm(spoc, id, 'NIL_RETURN', { cspStatement: 'We hold no call records for this number in March 2026.' });
    expect(nil.status).toBe(303);
    const page = await spoc.get(`/web/disclosure-requests/${id}`).expect(200);
    expect(page.text).toContain('Nil return, awaiting the SPOC check');
    expect(page.text).toContain('No such data held (nil return)');
    expect((await sendEventForm(spoc, id, 'MARK_CHECKED')).status).toBe(303);
    expect(await apiRequest(id)).toMatchObject({ status: 'checked', cspStatus: 'nilReturn' });
  });

  it('shows the overlapping acquisitions for each identifier', async () => {
    const twin = await authorisedApplication(t);
    const page = await spoc.get(`/web/applications/${twin.id}/acquisition`).expect(200);
    expect(page.text).toContain(app.urn);
    expect(page.text).toContain('Request to Example Mobile Ltd');
    expect(page.text).toContain('Telephone number +447911123456');
  });

  it('shows what the investigator typed as text, never as markup: a data item reference with HTML in it', async () => {
    t.clock.set(GRANTED_AT);
    const items = RETURNS_FORM.dataItems as { ref: string }[];
    const form = { ...RETURNS_FORM, dataItems: items.map((item) => (item.ref === 'd1' ? { ...item, ref: '<i>d1</i>' } : item)) };
    let marked = await createApplication(t, 'applicant', form);
    marked = await step(t, 'applicant', marked, { type: 'SUBMIT_TO_SPOC' });
    marked = await step(t, 'spoc', marked, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
    marked = await step(t, 'ocda', marked, { type: 'GRANT', decision: GRANT_DECISION });
    await createThroughPage(spoc, marked, csps.get('examplemobile') ?? '', ['<i>d1</i>']);
    const page = await spoc.get(`/web/applications/${marked.id}/acquisition`).expect(200);
    expect(page.text).toContain('&lt;i&gt;d1&lt;/i&gt;');
    expect(page.text).not.toContain('<i>d1</i>');
  });
});
