/**
 * A record made by a command is answered without reading what cannot exist yet (issue 23): no request has been made
 * under it and no product issued, and it is of its maker's authority. The answer must be the one a read of the
 * record gives, for a new draft and for a renewal. Nor does any answer read requests of a record never granted (a
 * request is made only within a grant's period of validity), or products of one without requests.
 */
import { statementLog } from '../bench/statement-log';
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

  /** The tables `work` read from, of those named. */
  async function tablesRead(work: () => Promise<unknown>, tables: readonly string[]): Promise<string[]> {
    const seen = new Set<string>();
    const original = t.dataSource.logger;
    t.dataSource.logger = statementLog(({ sql }) => tables.filter((table) => new RegExp(`FROM "?${table}"?\\b`).test(sql)).forEach((table) => seen.add(table)));
    try {
      await work();
    } finally {
      t.dataSource.logger = original;
    }
    return [...seen].sort();
  }

  it('reads neither requests nor products of a record never granted, and no products of a granted one without requests', async () => {
    const tables = ['disclosure_request', 'product'];
    const draft = await createApplication(t);
    expect(await tablesRead(() => read('applicant', draft.id), tables)).toEqual([]);
    const granted = await authorisedApplication(t);
    expect(await tablesRead(() => read('applicant', granted.id), tables)).toEqual(['disclosure_request']);
  });
});
