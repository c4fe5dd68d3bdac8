/**
 * The journeys of issue 19 in Chromium, on a fresh database, with JavaScript on and again with it off; every page
 * each person lands on is screenshotted, audited by axe-core (WCAG 2.2 A/AA, no violation allowed), checked for the
 * protective marking and for Content-Security-Policy violations (test/browser/support/journey.ts).
 *
 * 1. The investigator drafts over two sessions and submits; the SPOC returns it with a reason; the investigator
 *    reads the reason, amends and resubmits; the SPOC records advice and sends it for authorisation; OCDA grants
 *    it with reasons. The record then shows it authorised, with its history verified.
 * 2. The urgent route: the investigator drafts a dso61A application; the SPOC advises, sends it and records the
 *    DSO's oral grant; the DSO makes the written record, and the clock is gone.
 */
import type { Page } from 'playwright-core';
import { inChromium } from './support/in-chromium';
import { grantWithReasons, openQueueAndDecide, writeWrittenRecord } from './steps/authoriser';
import { fillAboutAndPurpose, fillTheRest, readReturnAndResubmit, startApplication, submitFromCheckAnswers } from './steps/investigator';
import { adviseAndSend, openQueueAndReview, recordDsoOralGrant, returnWithReason } from './steps/spoc';

/** The URN in the record page's heading ("Application TVP/2026/000001"). */
async function urnOf(page: Page): Promise<string> {
  const heading = (await page.getByRole('heading', { level: 1 }).first().textContent()) ?? '';
  const match = /Application (\S+)/.exec(heading);
  if (!match) throw new Error(`no URN in the heading "${heading}" of ${page.url()}`);
  return match[1];
}

const RETURN_REASON = 'Say why one whole day of subscriber data is proportionate: the robbery took minutes.';

describe.each([
  ['JavaScript on', true],
  ['JavaScript off', false],
])('the journeys in Chromium (%s)', (mode, javaScript) => {
  const suite = inChromium('journeys', javaScript);

  it(`drafts over two sessions, is returned and resubmitted, advised and sent, and granted by OCDA (${mode})`, async () => {
    const journey = suite.journey();
    const investigator = await journey.as('applicant');
    const { page, check } = investigator;
    const path = await startApplication(page, check);
    await fillAboutAndPurpose(page, check);
    await journey.signOut(page, check);

    // A second session: the draft is where it was left.
    await journey.signIn(page, 'applicant', check);
    await page.goto(`${path}/form/subjects`);
    await check('question-subjects-next-session');
    await fillTheRest(page, check);
    await submitFromCheckAnswers(page, check);
    const urn = await urnOf(page);

    const spoc = await journey.as('spoc');
    await openQueueAndReview(spoc.page, spoc.check, urn);
    await returnWithReason(spoc.page, spoc.check, RETURN_REASON);

    await page.goto(path);
    await check('record-returned');
    await page.getByText(RETURN_REASON).first().waitFor();
    await readReturnAndResubmit(page, check, path);

    await openQueueAndReview(spoc.page, spoc.check, urn);
    await adviseAndSend(spoc.page, spoc.check);

    const ocda = await journey.as('ocda');
    await openQueueAndDecide(ocda.page, ocda.check, urn);
    await grantWithReasons(ocda.page, ocda.check, {
      reasons: 'Necessary for the robbery investigation and proportionate: one day of subscriber data.',
      officeRank: 'OCDA Authorising Officer',
      conductAuthorised: 'Obtain subscriber data for the number from the operator.',
    });

    await page.goto(path);
    await check('record-authorised');
    await page.getByText('Authorised', { exact: true }).first().waitFor();
    await page.getByText('Chain verified').waitFor();
  });

  it(`takes the urgent route: the DSO's oral grant recorded by the SPOC, then the DSO's written record (${mode})`, async () => {
    const journey = suite.journey();
    const { page, check } = await journey.as('applicant2');
    const path = await startApplication(page, check);
    await fillAboutAndPurpose(page, check, { urgent: true, operationName: 'Op Swift' });
    await fillTheRest(page, check, { urgent: true });
    await submitFromCheckAnswers(page, check);
    const urn = await urnOf(page);

    const spoc = await journey.as('spoc');
    await openQueueAndReview(spoc.page, spoc.check, urn);
    await adviseAndSend(spoc.page, spoc.check);
    await recordDsoOralGrant(spoc.page, spoc.check, 'Supt Dana Dso');
    await spoc.page.getByText('Written record due by').first().waitFor();

    const dso = await journey.as('dso');
    await writeWrittenRecord(dso.page, dso.check, urn);

    await page.goto(path);
    await check('record-written');
    expect(await page.getByText('Written record due by').count()).toBe(0);
    await page.getByText('Chain verified').waitFor();
    expect(journey.pagesChecked.length).toBeGreaterThan(20);
  });
});
