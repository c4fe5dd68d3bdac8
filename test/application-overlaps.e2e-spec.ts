/**
 * The duplicate-acquisition warning over HTTP, on SQLite and PostgreSQL (docs/architecture.md §6, §8):
 * `GET /applications/:id/overlaps` lists the other applications of the authority, and the requests under
 * them, that seek the same normalised identifier over a window overlapping this application's (both ends
 * included), among those the caller may see; `overlapCount` on the record is the length of that list for
 * the same caller. Another force's records are neither listed nor counted; an application under which
 * nothing was or will be obtained (withdrawn) is not listed; the index follows an edit of the form; the
 * migration rebuilds the index from the stored forms and requests.
 */
import { ApplicationIdentifierWindowEntity } from '../src/applications/application-identifier-window.entity';
import { IdentifierWindows1764010000000 } from '../migrations/1764010000000-identifier-windows';
import { completeForm, createApplication, patchApplication, step, type AppRecord } from './support/applications';
import { buildFixture, seededCspId, type DemoUsername } from './support/authz-fixtures';
import { expectProblem } from './support/guards-no-change';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

const DRIVER = isPostgres() ? 'PostgreSQL' : 'SQLite';
const NUMBER = '+447911123456';

/** A subscriber item on the form's one identifier, `id1`. */
const item = (ref: string, periodStart: string, periodEnd: string) => ({
  ref,
  identifierRef: 'id1',
  category: 'entity',
  subtype: 'subscriber',
  periodKind: 'historic',
  periodStart,
  periodEnd,
  csp: 'Example Mobile',
  icrCondition: null,
});

/** The form of the house fixture, for the number as `written`, with `dataItems`. */
const formFor = (written: string, ...dataItems: ReturnType<typeof item>[]) => ({
  identifiers: [{ ref: 'id1', type: 'msisdn', value: written, source: 'victim statement' }],
  dataItems,
});

interface Overlap {
  kind: 'application' | 'disclosureRequest';
  id: string;
  applicationId: string;
  urn: string;
  status: string;
  statusLabel: string;
  cspName: string | null;
  identifier: { type: string; normalisedValue: string };
  window: { start: string; end: string };
  ownWindow: { start: string; end: string };
  dataItemRefs: string[];
  ownDataItemRefs: string[];
}

describe(`the duplicate-acquisition warning (${DRIVER})`, () => {
  let t: TestApp;
  /** TVP's applications: `a` (applicant's draft), `b` (applicant2's, authorised, with a request), `c`, `d`, `withdrawn`. */
  const apps: Record<string, AppRecord> = {};
  let bRequest: { id: string };
  let hamRequest: { id: string };

  const bearer = async (user: string) => `Bearer ${await t.token(user)}`;
  async function overlaps(user: string, id: string): Promise<Overlap[]> {
    const res = await t.http().get(`/applications/${id}/overlaps`).set('authorization', await bearer(user));
    if (res.status !== 200) throw new Error(`overlaps as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { items: Overlap[] }).items;
  }
  async function overlapCount(user: string, id: string): Promise<number | null> {
    const res = await t.http().get(`/applications/${id}`).set('authorization', await bearer(user)).expect(200);
    return (res.body as { overlapCount: number | null }).overlapCount;
  }
  async function ask(user: string, app: { id: string }): Promise<{ id: string }> {
    const body = { cspId: await seededCspId(t), items: [{ dataItemRef: 'd1' }] };
    const res = await t.http().post(`/applications/${app.id}/disclosure-requests`).set('authorization', await bearer(user)).send(body);
    if (res.status !== 201) throw new Error(`request as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  }
  const authorised = (owner: DemoUsername, form: Record<string, unknown>) => buildFixture(t, { state: 'authorised', owner, form });
  /** What each listed overlap is, in the order listed. */
  const what = (items: readonly Overlap[]) => items.map((o) => `${o.kind} ${o.id}`);

  beforeAll(async () => {
    t = await createTestApp();
    // a: the number as a person writes it; d1 from 1 March, d2 on 27–28 February (both London winter time, UTC).
    apps.a = await createApplication(
      t,
      'applicant',
      completeForm(formFor('07911 123456', item('d1', '2026-03-01T00:00:00+00:00', '2026-03-02T00:00:00+00:00'), item('d2', '2026-02-27T00:00:00Z', '2026-02-28T12:00:00Z'))),
    );
    // b: the same number in E.164, from noon on 1 March (+01:00: 11:00 UTC); applicant2's, so the applicant cannot see it.
    apps.b = await authorised('applicant2', formFor('+447911123456', item('d1', '2026-03-01T12:00:00+01:00', '2026-03-02T00:00:00Z')));
    bRequest = await ask('spoc', apps.b);
    // c: ends at the very instant a's d1 starts (01:00 at +01:00 is midnight UTC), and overlaps a's d2.
    apps.c = await createApplication(t, 'applicant', completeForm(formFor('+44 7911 123456', item('d1', '2026-02-28T00:00:00Z', '2026-03-01T01:00:00+01:00'))));
    // d: ends a millisecond before a's d2 starts.
    apps.d = await createApplication(t, 'applicant', completeForm(formFor('07911123456', item('d1', '2026-02-01T00:00:00Z', '2026-02-26T23:59:59.999Z'))));
    // withdrawn: the same number and period, but nothing was or will be obtained under it.
    const toWithdraw = await createApplication(t, 'applicant', completeForm(formFor(NUMBER, item('d1', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'))));
    apps.withdrawn = await step(t, 'applicant', toWithdraw, { type: 'WITHDRAW', reason: 'Made in error.' });
    // Another force: the same number and period, authorised, with a request.
    apps.ham = await authorised('other-applicant', formFor(NUMBER, item('d1', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z')));
    hamRequest = await ask('other-spoc', apps.ham);
  });
  afterAll(() => t.close());

  it('lists for a SPOC the other applications and their requests for the number written differently, whose windows overlap, both ends included', async () => {
    const items = await overlaps('spoc', apps.a.id);
    // By window start, then id: c (28 February), then b and its request (11:00 UTC on 1 March).
    const bAndItsRequest = [
      { kind: 'application', id: apps.b.id },
      { kind: 'disclosureRequest', id: bRequest.id },
    ].sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(what(items)).toEqual([`application ${apps.c.id}`, ...bAndItsRequest.map((o) => `${o.kind} ${o.id}`)]);
    const [c, ...rest] = items;
    expect(c).toEqual({
      kind: 'application',
      id: apps.c.id,
      applicationId: apps.c.id,
      urn: apps.c.urn,
      status: 'draft',
      statusLabel: 'Draft',
      cspName: null,
      identifier: { type: 'msisdn', normalisedValue: NUMBER },
      window: { start: '2026-02-28T00:00:00.000Z', end: '2026-03-01T00:00:00.000Z' },
      // One entry for both of a's items it overlaps: the earliest start and the latest end of the two.
      ownWindow: { start: '2026-02-27T00:00:00.000Z', end: '2026-03-02T00:00:00.000Z' },
      dataItemRefs: ['d1'],
      ownDataItemRefs: ['d1', 'd2'],
    });
    const b = rest.find((o) => o.kind === 'application');
    const request = rest.find((o) => o.kind === 'disclosureRequest');
    const bWindow = { start: '2026-03-01T11:00:00.000Z', end: '2026-03-02T00:00:00.000Z' };
    expect(b).toMatchObject({ urn: apps.b.urn, status: 'authorised', cspName: null, window: bWindow, dataItemRefs: ['d1'], ownDataItemRefs: ['d1'] });
    expect(request).toMatchObject({
      applicationId: apps.b.id,
      urn: apps.b.urn,
      status: 'pending',
      statusLabel: expect.any(String) as string,
      cspName: expect.stringMatching(/\S/) as string,
      identifier: { type: 'msisdn', normalisedValue: NUMBER },
      window: bWindow,
      ownWindow: { start: '2026-03-01T00:00:00.000Z', end: '2026-03-02T00:00:00.000Z' },
      dataItemRefs: ['d1'],
    });
    expect(await overlapCount('spoc', apps.a.id)).toBe(items.length);
  });

  it('lists each other: the other application sees this one, but not its own request', async () => {
    // c ends at midnight, before b starts at 11:00 UTC on 1 March.
    const items = await overlaps('spoc', apps.b.id);
    expect(what(items)).toEqual([`application ${apps.a.id}`]);
    expect(items[0]).toMatchObject({ window: { start: '2026-03-01T00:00:00.000Z', end: '2026-03-02T00:00:00.000Z' }, dataItemRefs: ['d1'], ownDataItemRefs: ['d1'] });
    expect(await overlapCount('spoc', apps.b.id)).toBe(1);
  });

  it('lists for an applicant only what they may see, and counts exactly that', async () => {
    const items = await overlaps('applicant', apps.a.id);
    expect(what(items)).toEqual([`application ${apps.c.id}`]);
    expect(await overlapCount('applicant', apps.a.id)).toBe(1);
    // applicant2 sees b, but neither a nor c.
    expect(await overlaps('applicant2', apps.b.id)).toEqual([]);
    expect(await overlapCount('applicant2', apps.b.id)).toBe(0);
  });

  it('neither lists nor counts another force’s application and request, either way round, and hides the application itself', async () => {
    const listed = new Set((await overlaps('spoc', apps.a.id)).map((o) => o.id));
    expect([apps.ham.id, hamRequest.id].filter((id) => listed.has(id))).toEqual([]);
    expect(await overlaps('other-spoc', apps.ham.id)).toEqual([]);
    expect(await overlapCount('other-spoc', apps.ham.id)).toBe(0);
    expectProblem(await t.http().get(`/applications/${apps.a.id}/overlaps`).set('authorization', await bearer('other-spoc')), 404, 'NOT_FOUND');
  });

  it('leaves out an application under which nothing was obtained, and a window that does not overlap', async () => {
    const listed = new Set((await overlaps('spoc', apps.a.id)).map((o) => o.id));
    expect({ withdrawn: listed.has(apps.withdrawn.id), d: listed.has(apps.d.id) }).toEqual({ withdrawn: false, d: false });
    // The withdrawn application still sees the others: its own status does not matter.
    expect((await overlaps('spoc', apps.withdrawn.id)).length).toBeGreaterThan(0);
  });

  it('gives a count of null to a role that may not read the list', async () => {
    // OCDA sees b (an ipc60A application it authorised) but reads no request: no list, no count.
    expect(await overlapCount('ocda', apps.b.id)).toBeNull();
    expectProblem(await t.http().get(`/applications/${apps.b.id}/overlaps`).set('authorization', await bearer('ocda')), 403, 'FORBIDDEN_ROLE');
  });

  it('follows an edit of the form: d moved onto a’s period is listed, and moved away again is not', async () => {
    apps.d = await patchApplication(t, 'applicant', apps.d, { dataItems: [item('d1', '2026-03-01T06:00:00Z', '2026-03-01T18:00:00Z')] });
    expect((await overlaps('spoc', apps.a.id)).map((o) => o.id)).toContain(apps.d.id);
    expect(await overlapCount('spoc', apps.a.id)).toBe(4);
    // The PATCH answer counts for the applicant: a; b and its request are applicant2's.
    expect(apps.d.overlapCount).toBe(1);
    expect(what(await overlaps('spoc', apps.d.id)).sort()).toEqual([`application ${apps.a.id}`, `application ${apps.b.id}`, `disclosureRequest ${bRequest.id}`].sort());
    apps.d = await patchApplication(t, 'applicant', apps.d, { dataItems: [item('d1', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')] });
    expect((await overlaps('spoc', apps.a.id)).map((o) => o.id)).not.toContain(apps.d.id);
    expect(await overlapCount('spoc', apps.a.id)).toBe(3);
  });

  it('rebuilds the index from the stored forms and requests in the migration', async () => {
    const repo = t.dataSource.getRepository(ApplicationIdentifierWindowEntity);
    const snapshot = async () =>
      (await repo.find()).map(({ id: _id, ...row }) => row).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    const before = await snapshot();
    expect(before.filter((row) => row.requestId !== null).map((row) => row.requestId).sort()).toEqual([bRequest.id, hamRequest.id].sort());
    const migration = new IdentifierWindows1764010000000();
    const q = t.dataSource.createQueryRunner();
    try {
      await migration.down(q);
      await migration.up(q);
    } finally {
      await q.release();
    }
    expect(await snapshot()).toEqual(before);
    expect(await overlapCount('spoc', apps.a.id)).toBe(3);
  });
});
