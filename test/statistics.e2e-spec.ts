/**
 * The statistics return over HTTP on both drivers (docs/statistics.md): a data set built by driving the real
 * workflow (applications, grants, refusals, returns, cancellations, RIPA imports, register entries), at
 * chosen instants around the period's edges in Europe/London, gives exactly the numbers the test expects;
 * every non-zero cell's list holds exactly the records behind it; another authority never appears.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { deriveStatisticsRows, Statistics1764030000000 } from '../migrations/1764030000000-statistics';
import { type AppRecord, completeForm, createApplication, DSO_SPOC_EXCEPTION, GRANT_DECISION, patchApplication, SPOC_SECTION, step } from './support/applications';
import { userId } from './support/authz-fixtures';
import { bearer, createError, errorStep, recordReport } from './support/errors-http';
import { binaryBody, extractPdfText } from './support/errors-pdf-text';
import { ripaRecord } from './support/ripa-records';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';
import type { StatisticsRecordList } from '../src/reporting/statistics/statistics.service';
import type { StatisticsReturn } from '../src/reporting/statistics/statistics-return';
import { londonDayWords } from '../src/reporting/statistics/statistics-tables';
import { readXlsxRows } from './support/xlsx-rows';

const PERIOD = 'from=2026-03-01&to=2026-03-31';
const SFA = { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION };
/** Every form's data is from February, so no instant of the scenario is before the data it asks for. */
const FEBRUARY = { periodKind: 'historic', periodStart: '2026-02-01T00:00:00+00:00', periodEnd: '2026-02-02T00:00:00+00:00', csp: 'Vodafone', icrCondition: null };
const PHONE = { ref: 'id1', type: 'msisdn', value: '07911 123456', source: 'victim statement' };
const FORMULA = '=HYPERLINK("http://evil.example","click")';
const JOURNALIST = {
  journalisticSourceSought: true,
  imminentThreatToLife: false,
  sensitiveProfession: 'journalist',
  sensitiveProfessionConsiderations: 'The subject is a journalist; only who called, not what was said.',
};
const SPOC_ON_PROFESSION = { ...SPOC_SECTION, sensitiveProfessionAdvice: 'Privileged contacts weighed; subscriber data only.' };
const DECISION_ON_PROFESSION = { ...GRANT_DECISION, sensitiveProfessionConsideration: 'Weighed: who, not why.' };

type Counts = Record<string, Record<string, number>>;

describe(`the statistics return (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  /** What the test did, by figure and cell: the records it expects each cell to list. */
  const expected: Record<string, Record<string, string[]>> = {};
  const expect1 = (figure: string, key: string, id: string) => {
    ((expected[figure] ??= {})[key] ??= []).push(id);
  };
  const at = (iso: string) => t.clock.set(iso);

  const form = (overrides: Record<string, unknown> = {}) =>
    completeForm({ identifiers: [PHONE], dataItems: [{ ref: 'd1', identifierRef: 'id1', category: 'entity', subtype: 'subscriber', ...FEBRUARY }], ...overrides });

  async function submitted(user = 'applicant', overrides: Record<string, unknown> = {}): Promise<AppRecord> {
    return step(t, user, await createApplication(t, user, form(overrides)), { type: 'SUBMIT_TO_SPOC' });
  }

  async function get<T>(user: string, path: string): Promise<T> {
    const res = await t.http().get(path).set('authorization', await bearer(t, user));
    if (res.status !== 200) throw new Error(`GET ${path} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  /** Every record behind a cell, following its pages. */
  async function listed(link: string, pageSize = 2): Promise<StatisticsRecordList[]> {
    const pages: StatisticsRecordList[] = [];
    for (let page = 1; ; page++) {
      const body = await get<StatisticsRecordList>('sro', `${link}&pageSize=${pageSize}&page=${page}`);
      pages.push(body);
      if (body.items.length < pageSize) return pages;
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    const dso = await userId(t, 'dso');

    // A: returned with a reason, resubmitted, granted by OCDA (ipc60A): a victim, one subscriber item on a phone.
    at('2026-03-02T10:00:00.000Z');
    let a = await submitted();
    a = await step(t, 'spoc', a, { type: 'RETURN_TO_APPLICANT', reason: 'Say why this number.', reasonCode: 'necessityNotShown' });
    a = await step(t, 'applicant', a, { type: 'RESUBMIT' });
    a = await step(t, 'spoc', a, SFA);
    at('2026-03-03T10:00:00.000Z');
    a = await step(t, 'ocda', a, { type: 'GRANT', decision: GRANT_DECISION });
    expect(a.status).toBe('authorised');
    expect1('spoc.submitted', 'submitted', a.id);
    expect1('spoc.returned', 'necessityNotShown', a.id);
    for (const [figure, key] of [['authorisations.byRoute', 'ipc60A'], ['authorisations.urgency', 'routine'], ['authorisations.purpose', 'applicableCrime'], ['authorisations.subjectCategory', 'victim'], ['items.byType', 'entity:subscriber'], ['items.byCommunications', 'telephony']]) {
      expect1(figure, key, a.id);
    }

    // B: dso61 for national security, granted by a DSO who is not independent (s.63 override); then a
    // cancellation is asked for and made. Two subject categories (one twice), three items, one on an IP address.
    at('2026-03-04T10:00:00.000Z');
    let b = await submitted('applicant', {
      route: 'dso61', statutoryPurpose: 'nationalSecurity', offences: null, seriousCrimeBasis: null,
      subjects: [{ role: 'suspect', name: 'S1' }, { role: 'witness', name: 'W1' }, { role: 'suspect', name: 'S2' }],
      identifiers: [PHONE, { ref: 'id2', type: 'ipv4', value: '203.0.113.10', source: 'router log' }],
      dataItems: [
        { ref: 'd1', identifierRef: 'id1', category: 'entity', subtype: 'subscriber', ...FEBRUARY },
        { ref: 'd2', identifierRef: 'id1', category: 'events', subtype: 'callDataRecords', ...FEBRUARY },
        { ref: 'd3', identifierRef: 'id2', category: 'entity', subtype: 'ipAddressResolution', ...FEBRUARY },
      ],
    });
    b = await step(t, 'spoc', b, SFA);
    at('2026-03-05T10:00:00.000Z');
    b = await step(t, 'dso', b, { type: 'GRANT', decision: { ...GRANT_DECISION, independenceDeclaration: false, exceptionalCircumstancesOverride: 'The only superintendent on duty.' } });
    at('2026-03-06T10:00:00.000Z');
    b = await step(t, 'applicant', b, { type: 'REQUEST_CANCELLATION', reason: 'The suspect has been charged.' });
    at('2026-03-07T10:00:00.000Z');
    b = await step(t, 'dso', b, { type: 'CANCEL', reason: 'No longer necessary.' });
    expect(b.status).toBe('cancelled');
    for (const [figure, key] of [
      ['spoc.submitted', 'submitted'], ['authorisations.byRoute', 'dso61'], ['authorisations.urgency', 'routine'], ['authorisations.dsoExceptions', 'independence'],
      ['authorisations.purpose', 'nationalSecurity'], ['authorisations.subjectCategory', 'suspect'], ['authorisations.subjectCategory', 'witness'],
      ['items.byType', 'entity:subscriber'], ['items.byType', 'events:callDataRecords'], ['items.byType', 'entity:ipAddressResolution'],
      ['items.byCommunications', 'telephony'], ['items.byCommunications', 'telephony'], ['items.byCommunications', 'internet'],
      ['cancellations.requested', 'dso61'], ['cancellations.cancelled', 'dso61'],
    ]) {
      expect1(figure, key, b.id);
    }

    // C: a journalist's source, granted by OCDA and approved by a Judicial Commissioner (s.77).
    at('2026-03-08T10:00:00.000Z');
    let c = await step(t, 'spoc', await submitted('applicant', JOURNALIST), { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_ON_PROFESSION });
    c = await step(t, 'ocda', c, { type: 'GRANT', decision: DECISION_ON_PROFESSION });
    expect(c.status).toBe('awaitingJudicialApproval');
    at('2026-03-09T10:00:00.000Z');
    c = await step(t, 'jc', c, { type: 'JC_APPROVE', judicialApproval: { judgeName: 'Sir Julian Commissioner' } });
    expect(c.status).toBe('authorised');
    for (const [figure, key] of [
      ['spoc.submitted', 'submitted'], ['authorisations.byRoute', 'ipc60A'], ['authorisations.urgency', 'routine'], ['authorisations.purpose', 'applicableCrime'],
      ['authorisations.subjectCategory', 'victim'], ['items.byType', 'entity:subscriber'], ['items.byCommunications', 'telephony'],
      ['journalistic.authorisations', 'judicialCommissionerApproved'], ['journalistic.judicialOutcomes', 'JC_APPROVE'], ['authorisations.sensitiveProfession', 'journalist'],
    ]) {
      expect1(figure, key, c.id);
    }

    // D: the same, refused by the Judicial Commissioner: no authorisation, one refusal by the JC.
    at('2026-03-10T10:00:00.000Z');
    let d = await step(t, 'spoc', await submitted('applicant', JOURNALIST), { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_ON_PROFESSION });
    d = await step(t, 'ocda', d, { type: 'GRANT', decision: DECISION_ON_PROFESSION });
    d = await step(t, 'jc', d, { type: 'JC_REFUSE', reason: 'Not satisfied of the overriding public interest.', judicialApproval: { judgeName: 'Sir Julian Commissioner' } });
    expect1('spoc.submitted', 'submitted', d.id);
    expect1('journalistic.judicialOutcomes', 'JC_REFUSE', d.id);

    // E: declined by the SPOC with a reason; F: refused by OCDA.
    at('2026-03-11T10:00:00.000Z');
    const e = await step(t, 'spoc', await submitted(), { type: 'DECLINE', reason: 'The CSP keeps no such data.', reasonCode: 'notReasonablyPractical' });
    expect1('spoc.submitted', 'submitted', e.id);
    expect1('spoc.declined', 'notReasonablyPractical', e.id);
    at('2026-03-12T10:00:00.000Z');
    const f = await step(t, 'ocda', await step(t, 'spoc', await submitted(), SFA), { type: 'REFUSE', reason: 'Not proportionate.', decision: { officeRank: 'OCDA Authorising Officer' } });
    expect(f.status).toBe('refused');
    expect1('spoc.submitted', 'submitted', f.id);
    expect1('refusals.byRoute', 'ipc60A', f.id);

    // G: urgent, without a SPOC (s.61A, s.76(2)), granted by the DSO; its identifier is a user name that looks like a formula.
    at('2026-03-13T03:00:00.000Z');
    let g = await createApplication(t, 'applicant', form({
      route: 'dso61A', priorityGrade: 'grade1', urgencyJustification: 'A missing child tonight.', exceptionalCircumstances: 'No SPOC on duty.',
      identifiers: [{ ref: 'id1', type: 'username', value: FORMULA, source: 'chat log' }],
    }));
    g = await step(t, 'applicant', g, { type: 'SUBMIT_URGENT_WITHOUT_SPOC' });
    g = await step(t, 'dso', g, { type: 'GRANT', decision: { ...GRANT_DECISION, deciderId: dso, findings: DSO_SPOC_EXCEPTION } });
    expect(g.status).toBe('authorised');
    for (const [figure, key] of [
      ['authorisations.byRoute', 'dso61A'], ['authorisations.urgency', 'urgent'], ['authorisations.dsoExceptions', 'spocNotConsulted'], ['authorisations.purpose', 'applicableCrime'],
      ['authorisations.subjectCategory', 'victim'], ['items.byType', 'entity:subscriber'], ['items.byCommunications', 'internet'],
    ]) {
      expect1(figure, key, g.id);
    }

    // G2: urgent again, granted by a DSO on the investigation team (not independent: s.63) who found no SPOC
    // could be consulted (s.76(2)): both exceptions. Its subjects are changed before it is submitted.
    at('2026-03-13T05:00:00.000Z');
    let g2 = await createApplication(t, 'applicant', form({
      route: 'dso61A', priorityGrade: 'grade1', urgencyJustification: 'A missing child tonight.', exceptionalCircumstances: 'No SPOC on duty.', teamMemberIds: [dso],
    }));
    g2 = await patchApplication(t, 'applicant', g2, { subjects: [{ role: 'vulnerablePerson', name: 'V2' }] });
    const [projected] = await t.dataSource.query<{ role: string }[]>(`SELECT role FROM application_statistics_subject WHERE application_id = ${isPostgres() ? '$1' : '?'}`, [g2.id]);
    expect(projected.role).toBe('vulnerablePerson');
    g2 = await step(t, 'applicant', g2, { type: 'SUBMIT_URGENT_WITHOUT_SPOC' });
    g2 = await step(t, 'dso', g2, {
      type: 'GRANT',
      decision: { ...GRANT_DECISION, independenceDeclaration: false, exceptionalCircumstancesOverride: 'The only superintendent on duty.', findings: DSO_SPOC_EXCEPTION },
    });
    expect(g2.status).toBe('authorised');
    for (const [figure, key] of [
      ['authorisations.byRoute', 'dso61A'], ['authorisations.urgency', 'urgent'], ['authorisations.dsoExceptions', 'both'], ['authorisations.purpose', 'applicableCrime'],
      ['authorisations.subjectCategory', 'vulnerablePerson'], ['items.byType', 'entity:subscriber'], ['items.byCommunications', 'telephony'],
    ]) {
      expect1(figure, key, g2.id);
    }

    // H: returned without a category of reason, then withdrawn.
    at('2026-03-14T10:00:00.000Z');
    let h = await step(t, 'spoc', await submitted(), { type: 'RETURN_TO_APPLICANT', reason: 'Incomplete.' });
    h = await step(t, 'applicant', h, { type: 'WITHDRAW', reason: 'No longer needed.' });
    expect1('spoc.submitted', 'submitted', h.id);
    expect1('spoc.returned', 'notCategorised', h.id);

    // The edges, in Europe/London: 23:30 BST on 31 March is in; 00:30 BST on 1 April (23:30 UTC on 31 March) is not;
    // 23:59 GMT on 28 February is not, and a return at midnight GMT on 1 March is.
    at('2026-03-31T22:30:00.000Z');
    expect1('spoc.submitted', 'submitted', (await submitted()).id);
    at('2026-03-31T23:30:00.000Z');
    await submitted();
    at('2026-02-28T23:59:00.000Z');
    const k = await submitted();
    at('2026-03-01T00:00:00.000Z');
    await step(t, 'spoc', k, { type: 'RETURN_TO_APPLICANT', reason: 'Other.', reasonCode: 'other' });
    expect1('spoc.returned', 'other', k.id);

    // Another authority's grant in the period: never counted for Thames Valley.
    at('2026-03-15T10:00:00.000Z');
    await step(t, 'ocda', await step(t, 'other-spoc', await submitted('other-applicant'), SFA), { type: 'GRANT', decision: GRANT_DECISION });

    // Records made under RIPA 2000, imported in March: counted by their own grant date, apart.
    at('2026-03-20T10:00:00.000Z');
    const inMarch = ripaRecord({ kind: 's22_3_authorisation', purpose: 's22_2_b', appliedAt: '2026-03-15T09:00:00Z', grantedAt: '2026-03-15T12:00:00Z', expiresAt: null });
    const imported = await t.http().post('/admin/ripa-records').set('authorization', await bearer(t, 'admin')).send([inMarch, ripaRecord()]);
    if (imported.status !== 201) throw new Error(JSON.stringify(imported.body));
    const ripaIds = (imported.body as { items: { id: string; ripaReference?: string; originalReference?: string }[] }).items.map((i) => i.id);
    expect1('ripa.byKind', 's22_3_authorisation', ripaIds[0]);
    expect1('ripa.byPurpose', 's22_2_b', ripaIds[0]);

    // The error register: two errors established in March (one about an IP address), one in February, one of another force.
    at('2026-03-25T10:00:00.000Z');
    const e1 = await errorStep(t, 'spoc', await createError(t, 'spoc', recordReport({ discoveredAt: '2026-03-03T09:00:00+00:00', establishedAt: '2026-03-03T09:00:00+00:00' })), { type: 'ASSESS', kind: 'relevantError' });
    const e2 = await errorStep(t, 'spoc', await createError(t, 'spoc', recordReport({
      discoveredAt: '2026-03-20T09:00:00+00:00', establishedAt: '2026-03-20T09:00:00+00:00', causeCode: 'incorrectTimeDate', responsibleParty: 'spoc', isIpRelated: true,
    })), { type: 'ASSESS', kind: 'recordableError' });
    // Established in March, then dismissed: not an error, so not counted.
    const dismissed = await createError(t, 'spoc', recordReport({ discoveredAt: '2026-03-21T09:00:00+00:00', establishedAt: '2026-03-21T09:00:00+00:00' }));
    expect((await errorStep(t, 'spoc', dismissed, { type: 'DISMISS', reason: 'The data was right after all.' })).status).toBe('dismissed');
    await createError(t, 'spoc', recordReport({ discoveredAt: '2026-02-10T09:00:00+00:00', establishedAt: '2026-02-10T09:00:00+00:00' }));
    await createError(t, 'other-spoc', recordReport({ discoveredAt: '2026-03-05T09:00:00+00:00', establishedAt: '2026-03-05T09:00:00+00:00' }));
    for (const [figure, key] of [['errors.byKind', 'relevantError'], ['errors.byCause', 'incorrectIdentifier'], ['errors.byResponsibleParty', 'applicant'], ['errors.ipRelated', 'notIpRelated']]) expect1(figure, key, e1.id);
    for (const [figure, key] of [['errors.byKind', 'recordableError'], ['errors.byCause', 'incorrectTimeDate'], ['errors.byResponsibleParty', 'spoc'], ['errors.ipRelated', 'ipRelated']]) expect1(figure, key, e2.id);
    at('2026-04-02T10:00:00.000Z');
  }, 120_000);
  afterAll(() => t.close());

  const countsOf = (ret: StatisticsReturn): Counts =>
    Object.fromEntries(ret.sections.flatMap((s) => s.figures).map((f) => [f.id, Object.fromEntries(f.cells.filter((c) => c.count > 0).map((c) => [c.key, c.count]))]));
  const expectedCounts = (): Counts =>
    Object.fromEntries(Object.entries(expected).map(([figure, cells]) => [figure, Object.fromEntries(Object.entries(cells).map(([key, ids]) => [key, ids.length]))]));

  it('gives exactly the numbers the workflow made, for the SRO’s own authority, with the period in Europe/London', async () => {
    const ret = await get<StatisticsReturn>('sro', `/returns/statistics?${PERIOD}`);
    expect(ret.period).toEqual({ from: '2026-03-01', to: '2026-03-31', startsAt: '2026-03-01T00:00:00.000Z', endsBefore: '2026-03-31T23:00:00.000Z', timeZone: 'Europe/London' });
    expect(ret.marking).toBe('OFFICIAL-SENSITIVE');
    const counts = countsOf(ret);
    const wanted = expectedCounts();
    for (const figure of Object.keys(counts)) expect([figure, counts[figure]]).toEqual([figure, wanted[figure] ?? {}]);
    // Every figure the test expects exists in the return.
    expect(Object.keys(counts)).toEqual(expect.arrayContaining(Object.keys(wanted)));
    // Each figure's total is the sum of its cells, and zero cells are there too.
    for (const figure of ret.sections.flatMap((s) => s.figures)) expect(figure.total).toBe(figure.cells.reduce((n, c) => n + c.count, 0));
    expect(ret.sections.find((s) => s.id === 'authorisations')?.figures[0].cells.map((c) => c.key)).toEqual(['ipc60A', 'dso61', 'dso61A']);
  });

  it('lists, for every non-zero cell, exactly the records behind it (following pages), and nothing for a zero cell', async () => {
    const ret = await get<StatisticsReturn>('sro', `/returns/statistics?${PERIOD}`);
    for (const figure of ret.sections.flatMap((s) => s.figures)) {
      for (const cell of figure.cells) {
        const pages = await listed(cell.records);
        const items = pages.flatMap((p) => p.items);
        expect([figure.id, cell.key, pages[0].total]).toEqual([figure.id, cell.key, cell.count]);
        expect([figure.id, cell.key, items.length]).toEqual([figure.id, cell.key, cell.count]);
        expect([figure.id, cell.key, items.map((i) => i.id).sort()]).toEqual([figure.id, cell.key, [...(expected[figure.id]?.[cell.key] ?? [])].sort()]);
        for (const item of items) expect(item.href).toBe(`/${item.type === 'error' ? 'errors' : 'applications'}/${item.id}`);
      }
    }
  });

  it('shows the other authority its own figures only, and refuses everyone but an SRO', async () => {
    const other = countsOf(await get<StatisticsReturn>('other-sro', `/returns/statistics?${PERIOD}`));
    expect(other['authorisations.byRoute']).toEqual({ ipc60A: 1 });
    expect(other['spoc.submitted']).toEqual({ submitted: 1 });
    expect(other['errors.byKind']).toEqual({ notAssessed: 1 });
    for (const user of ['spoc', 'applicant', 'dso', 'ocda', 'admin']) {
      const res = await t.http().get(`/returns/statistics?${PERIOD}`).set('authorization', await bearer(t, user));
      expect([user, res.status]).toEqual([user, 403]);
    }
    // Another authority's records are not behind a cell, even asked for by key.
    const mine = await get<StatisticsRecordList>('other-sro', `/returns/statistics/records?${PERIOD}&figure=authorisations.byRoute&key=dso61`);
    expect(mine.total).toBe(0);
  });

  it('refuses a period longer than 13 months, backwards, or not a date, naming the field', async () => {
    const ok = await t.http().get('/returns/statistics?from=2026-01-31&to=2027-02-27').set('authorization', await bearer(t, 'sro'));
    expect(ok.status).toBe(200);
    for (const [query, field] of [['from=2026-01-31&to=2027-02-28', 'to'], ['from=2026-03-02&to=2026-03-01', 'to'], ['from=2026-02-30&to=2026-03-01', 'from']]) {
      const res = await t.http().get(`/returns/statistics?${query}`).set('authorization', await bearer(t, 'sro'));
      expect([query, res.status, res.body.code, res.body.errors?.[0]?.field]).toEqual([query, 400, 'STATISTICS_PERIOD_INVALID', field]);
    }
    const bad = await t.http().get('/returns/statistics?from=March&to=2026-03-01').set('authorization', await bearer(t, 'sro'));
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('CSV: the marking first, every count as in JSON, formula-like text neutralised', async () => {
    const ret = await get<StatisticsReturn>('sro', `/returns/statistics?${PERIOD}`);
    const res = await t.http().get(`/returns/statistics?${PERIOD}&format=csv`).set('authorization', await bearer(t, 'sro'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('statistics-return-2026-03-01-to-2026-03-31.csv');
    const rows: string[][] = parseCsv(res.text, { bom: true, relaxColumnCount: true });
    expect(rows[0][0]).toBe('OFFICIAL-SENSITIVE');
    expectCountsIn(rows, ret);
  });

  it('XLSX: the marking in A1, counts as numbers, identifiers as text, formulas never', async () => {
    const ret = await get<StatisticsReturn>('sro', `/returns/statistics?${PERIOD}`);
    const res = await t.http().get(`/returns/statistics?${PERIOD}&format=xlsx`).set('authorization', await bearer(t, 'sro')).buffer(true).parse(binaryBody);
    expect(res.status).toBe(200);
    const rows = await readXlsxRows(res.body as Buffer);
    expect(rows[0][0]).toEqual({ type: 'text', value: 'OFFICIAL-SENSITIVE' });
    expectCountsIn(rows.map((r) => r.map((c) => String(c.value))), ret);
    expect(rows.flat().every((cell) => cell.type !== 'formula')).toBe(true);
  });

  it('a cell’s list as CSV and XLSX keeps +44 numbers intact and neutralises formula-like identifiers', async () => {
    const link = `/returns/statistics/records?${PERIOD}&figure=items.byType&key=entity:subscriber`;
    const csv = await t.http().get(`${link}&format=csv`).set('authorization', await bearer(t, 'sro'));
    const csvRows: string[][] = parseCsv(csv.text, { bom: true, relaxColumnCount: true });
    const csvCells = csvRows.flat();
    expect(csvCells[0]).toBe('OFFICIAL-SENSITIVE');
    expect(csvCells).toContain("'+447911123456");
    expect(csvCells.some((c) => c.startsWith('=') || c.startsWith('+'))).toBe(false);
    const formulaCells = csvCells.filter((c) => /hyperlink/i.test(c));
    expect(formulaCells).toHaveLength(1);
    expect(formulaCells[0].startsWith("'=")).toBe(true);
    const xlsx = await t.http().get(`${link}&format=xlsx`).set('authorization', await bearer(t, 'sro')).buffer(true).parse(binaryBody);
    const cells = (await readXlsxRows(xlsx.body as Buffer)).flat();
    expect(cells).toContainEqual({ type: 'text', value: '+447911123456' });
    expect(cells.every((c) => c.type !== 'formula')).toBe(true);
    const formulaLike = cells.filter((c) => /hyperlink/i.test(String(c.value)));
    expect(formulaLike).toHaveLength(1);
    expect(formulaLike[0].type).toBe('text');
    expect(String(formulaLike[0].value).startsWith("'")).toBe(true);
  });

  it('PDF: marked on every page, each figure with its counts, read back as text', async () => {
    const res = await t.http().get(`/returns/statistics?${PERIOD}&format=pdf`).set('authorization', await bearer(t, 'sro')).buffer(true).parse(binaryBody);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { pages } = await extractPdfText(res.body as Buffer);
    for (const page of pages) expect(page.text).toContain('OFFICIAL-SENSITIVE');
    const text = pages.map((p) => p.text).join('\n');
    const ret = await get<StatisticsReturn>('sro', `/returns/statistics?${PERIOD}`);
    const flat = text.replace(/\s+/g, ' ');
    for (const figure of ret.sections.flatMap((s) => s.figures)) {
      expect(text).toContain(figure.title);
      for (const cell of figure.cells.filter((c) => c.count > 0)) expect([figure.id, flat.includes(`${cell.label} ${cell.count}`)]).toEqual([figure.id, true]);
    }
    expect(text).toContain(londonDayWords('2026-03-01'));
    expect(text).toContain(londonDayWords('2026-03-31'));
  });

  it('refuses a category of reason sent with any event but a return or a decline, naming the field', async () => {
    const app = await submitted();
    const res = await t.http().post(`/applications/${app.id}/events`).set('authorization', await bearer(t, 'spoc')).set('If-Match', String(app.version))
      .send({ type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION, reasonCode: 'other' });
    expect([res.status, res.body.code, res.body.errors?.[0]?.field]).toEqual([400, 'VALIDATION_FAILED', 'reasonCode']);
    const unknown = await t.http().post(`/applications/${app.id}/events`).set('authorization', await bearer(t, 'spoc')).set('If-Match', String(app.version))
      .send({ type: 'DECLINE', reason: 'x', reasonCode: 'noSuchCategory' });
    expect([unknown.status, unknown.body.errors?.[0]?.field]).toEqual([400, 'reasonCode']);
  });

  it('shows the category of a SPOC’s reason on the record’s history, in words', async () => {
    const [returned] = expected['spoc.returned'].necessityNotShown;
    const history = await get<{ items: { eventType: string | null; changes: { notes: { label: string; text: string }[] } }[] }>('spoc', `/applications/${returned}/history`);
    const row = history.items.find((item) => item.eventType === 'RETURN_TO_APPLICANT');
    expect(row?.changes.notes).toContainEqual({ label: 'Category of reason', text: 'Necessity not made out' });
  });

  it('the migration derives the same statistics rows from the records already held, and is not undone while categories exist', async () => {
    const tables = ['application_statistics', 'application_statistics_item', 'application_statistics_subject'];
    const snapshot = async () => {
      const out: Record<string, string[]> = {};
      for (const table of tables) {
        const rows = await t.dataSource.query<Record<string, unknown>[]>(`SELECT * FROM ${table}`);
        out[table] = rows.map((row) => JSON.stringify(Object.entries(row).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => [k, typeof v === 'boolean' ? Number(v) : v]))).sort();
      }
      return out;
    };
    const before = await snapshot();
    const returned = await get<StatisticsReturn>('sro', `/returns/statistics?${PERIOD}`);
    expect(before.application_statistics.length).toBeGreaterThan(10);
    const q = t.dataSource.createQueryRunner();
    try {
      await expect(new Statistics1764030000000().down(q)).rejects.toThrow(/carry the category of a SPOC's reason/);
      for (const table of tables) await q.query(`DELETE FROM ${table}`);
      await deriveStatisticsRows(q);
    } finally {
      await q.release();
    }
    expect(await snapshot()).toEqual(before);
    expect(countsOf(await get<StatisticsReturn>('sro', `/returns/statistics?${PERIOD}`))).toEqual(countsOf(returned));
    const [categorised] = expected['spoc.returned'].necessityNotShown;
    expect(await get<{ valid: boolean }>('spoc', `/applications/${categorised}/history/verify`)).toMatchObject({ valid: true });
  });
});

/** Every cell's label is on a row of the export that carries the cell's count. */
function expectCountsIn(rows: string[][], ret: StatisticsReturn): void {
  for (const figure of ret.sections.flatMap((s) => s.figures)) {
    const start = rows.findIndex((row) => row.includes(figure.title));
    expect([figure.id, start >= 0]).toEqual([figure.id, true]);
    for (const cell of figure.cells) {
      const row = rows.slice(start).find((r) => r.includes(cell.key));
      expect([figure.id, cell.key, row?.includes(String(cell.count))]).toEqual([figure.id, cell.key, true]);
    }
  }
}
