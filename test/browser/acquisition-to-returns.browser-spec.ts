/**
 * The journey of issue 20 in Chromium, on a fresh database, with JavaScript on and again with it off (file upload
 * included); every page each person lands on is screenshotted, audited by axe-core (WCAG 2.2 A/AA, no violation
 * allowed), checked for the protective marking and for Content-Security-Policy violations (support/journey.ts).
 *
 * From an application authorised through the API: the SPOC makes a request to each of two operators, downloads
 * what goes to them and records each sent, uploads a clean return for one and a return with a mismatching row for
 * the other, sees the failed check and the suspected error it raised, reviews it and marks both requests checked;
 * issues a final product after its preview, records sending it, records the product issued on the application and downloads its whole record. The investigator opens it from "My products",
 * reads the handling caveat, downloads it (the download is in the dissemination log) and records the outcome. The
 * manager finds the suspected error in the register, records, assesses and reports it, and downloads the IPC report; then opens the
 * dashboard's open work and the statistics return, follows a figure to its records and downloads the XLSX.
 */
import type { Page } from 'playwright-core';
import { CD_ERROR_RULE_CATALOGUE } from '../../src/workflow/cd-error.rule-codes';
import { createApplication } from '../support/applications';
import { bodyText, extractPdfText } from '../support/errors-pdf-text';
import { bearer } from '../support/returns-http';
import { readXlsxRows } from '../support/xlsx-rows';
import { authorisedApplication, IP_CSV_MISMATCH, SUBSCRIBER_CSV } from '../web/acquisition-world';
import { confirmEveryCheck, downloadExports, makeRequest, markChecked, openAcquisition, readFailedChecks, recordSent, uploadReturn } from './steps/acquisition';
import { assessError, downloadIpcReport, openSuspectedError, recordError, reportToIpc } from './steps/errors';
import { recordOutcome } from './steps/investigator';
import { downloadReturn, followFigure, followTile, openDashboard, openStatisticsReturn } from './steps/oversight';
import { downloadApplicationRecord, issueProduct, openProductAndDownload, recordSending } from './steps/products';
import { recordProductIssued } from './steps/spoc';
import { inChromium } from './support/in-chromium';

const SUBSCRIBER = { name: 'subscriber.csv', mimeType: 'text/csv', buffer: Buffer.from(SUBSCRIBER_CSV, 'utf8') };
const IP_MISMATCH = { name: 'ip-resolution.csv', mimeType: 'text/csv', buffer: Buffer.from(IP_CSV_MISMATCH, 'utf8') };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CAVEAT = 'INTELLIGENCE ONLY - NOT FOR EVIDENTIAL USE WITHOUT FURTHER AUTHORITY';
const MISMATCH_REVIEW = 'The operator resolved a neighbouring address: the row is set aside and the operator told.';

/** The error the mismatching row was, as the manager records it: found and established the day after the grant (UK time). */
const NEIGHBOURING_ADDRESS = {
  howItOccurred: 'The operator resolved the neighbouring IP address, so one row names a person the application did not ask about.',
  discoveredAt: { day: '1', month: '7', year: '2026', hour: '14', minute: '00' },
  establishedAt: { day: '1', month: '7', year: '2026', hour: '16', minute: '30' },
  cause: 'Incorrect identifier',
  responsible: 'Telecommunications operator',
};

/** Where the page is now, as a path. */
const pathOf = (page: Page): string => new URL(page.url()).pathname;

describe.each([
  ['JavaScript on', true],
  ['JavaScript off', false],
])('from acquisition to the statistics return in Chromium (%s)', (mode, javaScript) => {
  const suite = inChromium('acquisition-to-returns', javaScript);

  it(`acquires, checks, issues, discloses, reports the error and counts it all (${mode})`, async () => {
    const journey = suite.journey();
    const t = suite.t();
    const app = await authorisedApplication(t);
    const spoc = await journey.as('spoc');

    // Two requests to two operators: a clean return, and one with a row about another address.
    await openAcquisition(spoc.page, spoc.check, app.id);
    await makeRequest(spoc.page, spoc.check, 'Example Mobile Ltd', [/^Subscriber details for Telephone number/]);
    expect(await downloadExports(spoc.page)).toEqual([expect.stringMatching(/-hi1\.json$/), expect.stringMatching(/-copy-pack\.txt$/)]);
    await recordSent(spoc.page, spoc.check);
    await uploadReturn(spoc.page, spoc.check, SUBSCRIBER);
    expect(await readFailedChecks(spoc.page)).toEqual({ checks: [], errorLinks: [] });
    await markChecked(spoc.page, spoc.check);

    await openAcquisition(spoc.page, spoc.check, app.id);
    await makeRequest(spoc.page, spoc.check, 'Sample Broadband plc', [/^IP address resolution for IP address and port/]);
    await recordSent(spoc.page, spoc.check);
    await uploadReturn(spoc.page, spoc.check, IP_MISMATCH);
    // The register raises the suspected error from the failed check's outbox event (docs/returns.md).
    await t.relay.drain();
    await spoc.page.reload();
    await spoc.check('return-with-failed-check');
    const failed = await readFailedChecks(spoc.page);
    expect(failed.checks).toContain('Failed: The identifier is the one asked for');
    expect(failed.errorLinks).toEqual([expect.stringMatching(/^\/web\/errors\/[0-9a-f-]{36}$/)]);
    const errorPath = failed.errorLinks[0];
    await confirmEveryCheck(spoc.page, spoc.check, MISMATCH_REVIEW);
    await markChecked(spoc.page, spoc.check);
    await openAcquisition(spoc.page, spoc.check, app.id);
    expect(await spoc.page.getByText('Checked by the SPOC').count()).toBe(2);

    // The final product, previewed, issued and sent to the investigator.
    const productPath = await issueProduct(spoc.page, spoc.check, app.id);
    expect(productPath).toMatch(/^\/web\/products\/[0-9a-f-]{36}$/);
    await recordSending(spoc.page, spoc.check, 'DC Alex Applicant');
    await recordProductIssued(spoc.page, spoc.check, app.id);
    const record = await downloadApplicationRecord(spoc.page, app.id);
    expect(record).toMatchObject({ status: 200, contentType: 'application/pdf', cacheControl: 'no-store' });

    // The investigator reads the caveat, downloads the product and records the use made of the data.
    const investigator = await journey.as('applicant');
    const pdf = await openProductAndDownload(investigator.page, investigator.check, `Final product 1 of ${app.urn}`, CAVEAT);
    expect(pdf).toMatchObject({ status: 200, contentType: 'application/pdf', cacheControl: 'no-store' });
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pathOf(investigator.page)).toBe(productPath);
    const log = await t.http().get(`/applications/${app.id}/disseminations`).set('authorization', await bearer(t, 'spoc')).expect(200);
    expect((log.body as { items: { action: string; recipient: { displayName: string } }[] }).items.map((e) => [e.action, e.recipient.displayName])).toEqual([
      ['sent', 'DC Alex Applicant'],
      ['downloaded', 'DC Alex Applicant'],
    ]);
    await recordOutcome(investigator.page, investigator.check, `/web/applications/${app.id}`);

    // The manager, the next morning: the suspected error the failed check raised, found in the register.
    t.clock.set('2026-07-02T08:00:00.000Z');
    const sro = await journey.as('sro');
    await openSuspectedError(sro.page, sro.check, 'A check on a CSP return failed');
    expect(pathOf(sro.page)).toBe(errorPath);
    await recordError(sro.page, sro.check, NEIGHBOURING_ADDRESS);
    await assessError(sro.page, sro.check);
    await reportToIpc(sro.page, sro.check, CD_ERROR_RULE_CATALOGUE.ERROR_REPORT_INCOMPLETE.message, { day: '1', month: '7', year: '2026', hour: '17', minute: '00' });
    const report = await downloadIpcReport(sro.page);
    expect({ cacheControl: report.cacheControl, contentType: report.contentType }).toEqual({ cacheControl: 'no-store', contentType: 'application/pdf' });
    expect(bodyText(await extractPdfText(report.pdf), 'OFFICIAL-SENSITIVE')).toContain(NEIGHBOURING_ADDRESS.howItOccurred);

    // The dashboard's open work (the journey's application is closed now; another investigator's draft is open),
    // then the statistics return: a figure followed to its records, and the XLSX.
    const draft = await createApplication(t, 'applicant2');
    expect(await openDashboard(sro.page, sro.check)).toBe(1);
    await followTile(sro.page, sro.check);
    await sro.page.getByRole('link', { name: draft.urn, exact: true }).waitFor();
    await openStatisticsReturn(sro.page, sro.check, { day: '1', month: '1', year: '2026' }, { day: '2', month: '7', year: '2026' });
    const { download, headers, body } = await downloadReturn(sro.page, 'XLSX');
    expect(download.suggestedFilename()).toBe('statistics-return-2026-01-01-to-2026-07-02.xlsx');
    expect({ cacheControl: headers['cache-control'], contentType: headers['content-type'] }).toEqual({ cacheControl: 'no-store', contentType: XLSX });
    expect((await readXlsxRows(body))[0][0]).toEqual({ type: 'text', value: 'OFFICIAL-SENSITIVE' });
    expect(await followFigure(sro.page, sro.check, 'Authorisations by route', 'OCDA, on behalf of the Investigatory Powers Commissioner (IPA s.60A)')).toBe(1);
    await sro.page.getByRole('link', { name: app.urn, exact: true }).click();
    await sro.page.getByRole('heading', { level: 1, name: new RegExp(app.urn) }).waitFor();
    expect(journey.pagesChecked.length).toBeGreaterThan(30);
  });
});
