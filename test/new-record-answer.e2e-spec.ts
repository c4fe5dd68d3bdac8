/**
 * A record made by a command is answered without reading what cannot exist yet (issue 23): no request has been made
 * under it and no product issued, and it is of its maker's authority. The answer must be the one a read of the
 * record gives, for a new draft and for a renewal.
 */
import { DISCLOSURE_FACTS_READER, NO_REQUESTS_MADE, type DisclosureFactsReader } from '../src/applications/disclosure-facts.reader';
import { authorisedApplication } from './web/acquisition-world';
import { createApplication, type AppRecord } from './support/applications';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

describe(`the answer to a command that makes a record (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const read = async (user: string, id: string): Promise<AppRecord> =>
    (await t.http().get(`/applications/${id}`).set('authorization', `Bearer ${await t.token(user)}`).expect(200)).body as AppRecord;

  it('says of a new draft what a read of it says', async () => {
    const made = await createApplication(t);
    expect(made).toEqual(await read('applicant', made.id));
  });

  it('says of a renewal what a read of it says', async () => {
    const original = await authorisedApplication(t);
    const res = await t.http().post(`/applications/${original.id}/renewal`).set('authorization', `Bearer ${await t.token('applicant')}`).expect(201);
    const renewal = res.body as AppRecord;
    expect(renewal.renewalOf).toBe(original.id);
    expect(renewal).toEqual(await read('applicant', renewal.id));
  });

  it('takes a new record’s disclosure progress to be what the disclosures feature reads for it', async () => {
    const made = await createApplication(t);
    const reader = t.app.get<DisclosureFactsReader>(DISCLOSURE_FACTS_READER);
    expect(await t.uow.read((m) => reader.factsFor(m, made.id))).toEqual(NO_REQUESTS_MADE);
  });
});
