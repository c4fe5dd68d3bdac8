/**
 * Disclosure requests to CSPs over HTTP, on SQLite and PostgreSQL (docs/architecture.md §7.2, §8; docs/law.md
 * §8): an authorisation's items go to two CSPs, and the standard message and the copy pack carry each
 * identifier byte for byte as the application normalised it; a request for anything not authorised, outside
 * validity or on an application not authorised is refused naming the item, with nothing stored; a stale
 * `If-Match` is 412; the authorisation's end cancels every open request once, each marked for its CSP to be told.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { ApplicationDeadlines } from '../src/applications/application-deadlines.service';
import { DisclosureRequestEntity } from '../src/disclosures/requests/disclosure-request.entity';
import { Outbox } from '../src/outbox/outbox';
import { completeForm, createApplication, GRANT_DECISION, SPOC_SECTION, step, type AppRecord } from './support/applications';
import { expectProblem } from './support/guards-no-change';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const DRIVER = isPostgres() ? 'PostgreSQL' : 'SQLite';
/** The request message's structure, written from ETSI TS 103 120 (test/fixtures/etsi-ts-103-120/README.md). */
const validHi1 = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(__dirname, 'fixtures/etsi-ts-103-120/hi1-request.schema.json'), 'utf8')) as object);
/** The instant the address was seen in use: an IP address resolution may name one instant (docs/law.md §3.4). */
const IP_AT = '2026-03-01T21:14:07+00:00';

/** A phone's subscriber and the user of an IP address at an instant: two items for two CSPs. */
const FORM = completeForm({
  identifiers: [
    { ref: 'id1', type: 'msisdn', value: '07911 123456', source: 'victim statement' },
    { ref: 'id2', type: 'ipv4', value: '203.0.113.7', source: 'the web host’s log' },
  ],
  dataItems: [
    { ref: 'd1', identifierRef: 'id1', category: 'entity', subtype: 'subscriber', periodKind: 'historic', periodStart: '2026-03-01T00:00:00+00:00', periodEnd: '2026-03-02T00:00:00+00:00', csp: 'Example Mobile', icrCondition: null },
    { ref: 'd2', identifierRef: 'id2', category: 'entity', subtype: 'ipAddressResolution', periodKind: 'historic', periodStart: IP_AT, periodEnd: IP_AT, timeZone: 'Europe/London', csp: 'Sample Broadband', icrCondition: null },
  ],
});

interface RequestRecord {
  id: string;
  version: number;
  status: string;
  desiredStatus: string | null;
  cspStatus: string | null;
  cspToBeTold: boolean;
  items: { dataItemRef: string; identifier: { normalisedValue: string } }[];
  allowedEvents: string[];
}

describe(`disclosure requests (${DRIVER})`, () => {
  let t: TestApp;
  let csps: Map<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    const res = await t.http().get('/csps?pageSize=100').set('authorization', `Bearer ${await t.token('spoc')}`).expect(200);
    csps = new Map((res.body as { items: { code: string; id: string }[] }).items.map((c) => [c.code, c.id]));
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-03-02T10:00:00.000Z'));

  async function authorised(): Promise<AppRecord> {
    let app = await createApplication(t, 'applicant', FORM);
    app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
    app = await step(t, 'ocda', app, { type: 'GRANT', decision: GRANT_DECISION });
    expect(app.status).toBe('authorised');
    return app;
  }

  async function ask(app: { id: string }, body: Record<string, unknown>, user = 'spoc') {
    return t.http().post(`/applications/${app.id}/disclosure-requests`).set('authorization', `Bearer ${await t.token(user)}`).send(body);
  }

  async function send(request: { id: string; version: number }, body: Record<string, unknown>, user = 'spoc') {
    return t.http().post(`/disclosure-requests/${request.id}/events`).set('authorization', `Bearer ${await t.token(user)}`).set('If-Match', String(request.version)).send(body);
  }

  async function requestsOf(appId: string): Promise<number> {
    return t.dataSource.getRepository(DisclosureRequestEntity).countBy({ applicationId: appId });
  }

  it('sends two requests to two CSPs; the standard message and the copy pack carry each identifier byte for byte', async () => {
    const app = await authorised();
    const identifiers = (app.form as { identifiers: { ref: string; normalisedValue: string }[] }).identifiers;
    const normalised = new Map(identifiers.map((i) => [i.ref, i.normalisedValue]));
    expect(normalised.get('id1')).toBe('+447911123456');

    const phone = await ask(app, { cspId: csps.get('examplemobile'), items: [{ dataItemRef: 'd1' }] });
    expect(phone.status).toBe(201);
    expect(phone.headers.etag).toBe('"1"');
    const ip = await ask(app, { cspId: csps.get('samplebroadband'), items: [{ dataItemRef: 'd2', identifierValue: '203.0.113.7' }] });
    expect(ip.status).toBe(201);

    for (const [created, ref] of [[phone.body as RequestRecord, 'id1'], [ip.body as RequestRecord, 'id2']] as const) {
      expect(created).toMatchObject({ status: 'pending', desiredStatus: null, cspStatus: null, allowedEvents: expect.arrayContaining(['SEND', 'CANCEL']) });
      expect(created.items[0].identifier.normalisedValue).toBe(normalised.get(ref));
      const sent = await send(created, { type: 'SEND' });
      expect(sent.status).toBe(200);
      expect(sent.body).toMatchObject({ status: 'sent', desiredStatus: 'awaitingDisclosure', version: 2 });

      const hi1 = await t.http().get(`/disclosure-requests/${created.id}/hi1`).set('authorization', `Bearer ${await t.token('spoc')}`).expect(200);
      expect({ valid: validHi1(hi1.body), errors: validHi1.errors ?? null }).toEqual({ valid: true, errors: null });
      const text = JSON.stringify(hi1.body);
      // The user of an address at one instant is asked as an observed time, in UTC (docs/law.md §8.1).
      if (ref === 'id2') expect(text).toMatch(/"[\w:]*ObservedTime":"2026-03-01T21:14:07(\.0+)?Z"/);
      // The value as it is on the application, between JSON quotes: nothing re-keyed, nothing reformatted.
      expect(text).toContain(JSON.stringify(normalised.get(ref)));
      expect(text).toContain(JSON.stringify(app.urn));
      const pack = await t.http().get(`/disclosure-requests/${created.id}/copy-pack`).set('authorization', `Bearer ${await t.token('spoc')}`).expect(200);
      expect(pack.headers['content-type']).toMatch(/^text\/plain/);
      expect(pack.text).toContain(normalised.get(ref));
      expect(pack.text).toContain('OFFICIAL-SENSITIVE');
    }
    const listed = await t.http().get(`/applications/${app.id}/disclosure-requests`).set('authorization', `Bearer ${await t.token('spoc')}`).expect(200);
    expect((listed.body as { items: RequestRecord[] }).items.map((r) => r.status)).toEqual(['sent', 'sent']);
    const verified = await t.http().get(`/disclosure-requests/${(phone.body as RequestRecord).id}/history/verify`).set('authorization', `Bearer ${await t.token('spoc')}`).expect(200);
    expect(verified.body).toMatchObject({ valid: true, rows: 2 });
  });

  it('takes one instant as the period of an IP address resolution only', async () => {
    const instant = (subtype: string) =>
      completeForm({ dataItems: [{ ref: 'd1', identifierRef: 'id1', category: 'entity', subtype, periodKind: 'historic', periodStart: IP_AT, periodEnd: IP_AT, csp: 'x', icrCondition: null }] });
    const subscriber = await t.http().post('/applications').set('authorization', `Bearer ${await t.token('applicant')}`).send(instant('subscriber'));
    expectProblem(subscriber, 400, 'VALIDATION_FAILED');
    expect((subscriber.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['dataItems[0].periodEnd']);
    const resolution = await t.http().post('/applications').set('authorization', `Bearer ${await t.token('applicant')}`).send(instant('ipAddressResolution'));
    expect(resolution.status).toBe(201);
  });

  it('refuses anything the authorisation does not cover, naming the item, and stores nothing', async () => {
    const app = await authorised();
    const mobile = csps.get('examplemobile');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ cspId: mobile, items: [{ dataItemRef: 'd9' }] }, 'DISCLOSURE_NOT_AUTHORISED', 'items[0].dataItemRef'],
      [{ cspId: mobile, items: [{ dataItemRef: 'd1', identifierValue: '+447911123465' }] }, 'DISCLOSURE_NOT_AUTHORISED', 'items[0].identifierValue'],
      [{ cspId: mobile, items: [{ dataItemRef: 'd1', subtype: 'callDataRecords' }] }, 'DISCLOSURE_NOT_AUTHORISED', 'items[0].subtype'],
      [{ cspId: mobile, items: [{ dataItemRef: 'd1', periodStart: '2026-02-28T00:00:00+00:00' }] }, 'DISCLOSURE_NOT_AUTHORISED', 'items[0].periodStart'],
      [{ cspId: mobile, items: [{ dataItemRef: 'd1' }, { dataItemRef: 'd1' }] }, 'DISCLOSURE_NOT_AUTHORISED', 'items[1].dataItemRef'],
      [{ cspId: mobile, items: [{ dataItemRef: 'd2' }] }, 'CSP_CANNOT_ANSWER', 'items[0]'],
    ];
    for (const [body, code, field] of cases) {
      const res = await ask(app, body);
      expectProblem(res, 422, code);
      expect({ field, errors: (res.body as { errors: { field: string }[] }).errors.map((e) => e.field) }).toEqual({ field, errors: expect.arrayContaining([field]) });
    }
    expect(await requestsOf(app.id)).toBe(0);
  });

  it('refuses a request on an application not authorised, and outside its validity', async () => {
    const one = { cspId: csps.get('examplemobile'), items: [{ dataItemRef: 'd1' }] };
    const draft = await createApplication(t, 'applicant', FORM);
    expectProblem(await ask(draft, one), 422, 'APPLICATION_NOT_AUTHORISED');
    const submitted = await step(t, 'applicant', draft, { type: 'SUBMIT_TO_SPOC' });
    expectProblem(await ask(submitted, one), 422, 'APPLICATION_NOT_AUTHORISED');
    // Another force's SPOC has no sight of the application at all.
    expectProblem(await ask(await authorised(), one, 'other-spoc'), 404, 'NOT_FOUND');
    expect(await requestsOf(draft.id)).toBe(0);

    const app = await authorised();
    t.clock.set(new Date(Date.parse(app.expiresAt as string) + 1).toISOString());
    expectProblem(await ask(app, { cspId: csps.get('examplemobile'), items: [{ dataItemRef: 'd1' }] }), 422, 'REQUEST_OUTSIDE_VALIDITY');
    expect(await requestsOf(app.id)).toBe(0);
  });

  it('answers a stale If-Match with 412 and changes nothing', async () => {
    const app = await authorised();
    const created = (await ask(app, { cspId: csps.get('examplemobile'), items: [{ dataItemRef: 'd1' }] })).body as RequestRecord;
    expect((await send(created, { type: 'SEND' })).status).toBe(200);
    expectProblem(await send(created, { type: 'CSP_ACKNOWLEDGED', cspReference: 'EM-1' }), 412, 'DISCLOSURE_REQUEST_STALE');
    const row = await t.dataSource.getRepository(DisclosureRequestEntity).findOneByOrFail({ id: created.id });
    expect({ status: row.status, version: row.version }).toEqual({ status: 'sent', version: 2 });
  });

  it('cancels every open request once when the authorisation is cancelled, each marked for its CSP to be told', async () => {
    let app = await authorised();
    const sentOne = (await ask(app, { cspId: csps.get('examplemobile'), items: [{ dataItemRef: 'd1' }] })).body as RequestRecord;
    const sent = (await send(sentOne, { type: 'SEND' })).body as RequestRecord;
    const pendingOne = (await ask(app, { cspId: csps.get('samplebroadband'), items: [{ dataItemRef: 'd2' }] })).body as RequestRecord;
    app = await step(t, 'ocda', app, { type: 'CANCEL', reason: 'The suspect has been arrested; no longer necessary.' });
    await t.relay.drain();
    await t.relay.drain();

    const rows = await t.dataSource.getRepository(DisclosureRequestEntity).findBy({ applicationId: app.id });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(sent.id)).toMatchObject({ status: 'cancelled', desiredStatus: 'cancelled', cspToBeTold: true, version: 3 });
    // A pending request may already have been keyed into a portal from its copy pack: its CSP is told too.
    expect(byId.get(pendingOne.id)).toMatchObject({ status: 'cancelled', cspToBeTold: true, version: 2 });
    const history = await t.http().get(`/disclosure-requests/${sent.id}/history`).set('authorization', `Bearer ${await t.token('spoc')}`).expect(200);
    const last = (history.body as { items: { eventType: string; actor: { role: string } }[] }).items.at(-1);
    expect(last).toMatchObject({ eventType: 'CANCEL', actor: { role: 'system' } });
  });

  it('cancels an open request when the authorisation expires, and a second delivery of the same end changes nothing', async () => {
    const app = await authorised();
    const created = (await ask(app, { cspId: csps.get('examplemobile'), items: [{ dataItemRef: 'd1' }] })).body as RequestRecord;
    expect((await send(created, { type: 'SEND' })).status).toBe(200);
    t.clock.set(new Date(Date.parse(app.expiresAt as string) + 1).toISOString());
    expect((await t.app.get(ApplicationDeadlines).tick()).expired).toContain(app.id);
    await t.relay.drain();
    const repo = t.dataSource.getRepository(DisclosureRequestEntity);
    expect(await repo.findOneByOrFail({ id: created.id })).toMatchObject({ status: 'cancelled', cspToBeTold: true, version: 3 });

    // The same end delivered again (another event id): the request has ended, so nothing is written.
    await t.uow.run((tx) => t.app.get(Outbox).add(tx, 'applicationTransitioned', { applicationId: app.id, from: 'authorised', to: 'expired', event: 'EXPIRE' }));
    await t.relay.drain();
    expect(await repo.findOneByOrFail({ id: created.id })).toMatchObject({ status: 'cancelled', version: 3 });
  });

  it('prompts the SPOC and the person who granted it to consider cancellation when the last request finishes, and not before', async () => {
    const app = await authorised();
    const duty = async (user: string) => {
      const res = await t.http().get(`/applications/${app.id}`).set('authorization', `Bearer ${await t.token(user)}`).expect(200);
      return (res.body as { cancellationDuty: { since: string; message: string } | null }).cancellationDuty;
    };
    expect(await duty('spoc')).toBeNull();
    const first = (await ask(app, { cspId: csps.get('examplemobile'), items: [{ dataItemRef: 'd1' }] })).body as RequestRecord;
    const second = (await ask(app, { cspId: csps.get('samplebroadband'), items: [{ dataItemRef: 'd2' }] })).body as RequestRecord;
    const sent = (await send(first, { type: 'SEND' })).body as RequestRecord;
    t.clock.set('2026-03-03T09:00:00.000Z');
    expect((await send(sent, { type: 'CSP_REJECTED', cspReason: 'The number was ported away before the period.' })).status).toBe(200);
    expect(await duty('spoc')).toBeNull();

    t.clock.set('2026-03-03T11:30:00.000Z');
    expect((await send(second, { type: 'CANCEL', reason: 'The first answer makes it unnecessary.' })).status).toBe(200);
    for (const user of ['spoc', 'ocda']) {
      expect(await duty(user)).toEqual({ since: '2026-03-03T11:30:00.000Z', message: expect.stringContaining('IPA s.65') });
    }
    expect(await duty('applicant')).toBeNull();
  });

  it('ISSUE_PRODUCT reads the requests through the interface applications owns: open requests block it as such', async () => {
    const app = await authorised();
    const blockedCode = async () => {
      const res = await t.http().get(`/applications/${app.id}`).set('authorization', `Bearer ${await t.token('spoc')}`).expect(200);
      return (res.body as { blockedEvents: { event: string; code: string }[] }).blockedEvents.find((b) => b.event === 'ISSUE_PRODUCT')?.code;
    };
    await ask(app, { cspId: csps.get('examplemobile'), items: [{ dataItemRef: 'd1' }] });
    expect(await blockedCode()).toBe('DISCLOSURES_OPEN');
    // A checked request (returns and their checks come with issue 15): the product is then what is missing.
    await t.dataSource.getRepository(DisclosureRequestEntity).update({ applicationId: app.id }, { status: 'checked' });
    expect(await blockedCode()).toBe('FINAL_PRODUCT_NOT_ISSUED');
  });
});
