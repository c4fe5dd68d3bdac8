/**
 * The SPOC's pages driven in a browser (issue 19): the work queue and the review, returning an application with a
 * reason, advising and sending it for authorisation, and recording a decision made outside the service (OCDA's
 * grant from OCDA's system, a DSO's oral urgent grant). Plain links, form fields and one submit button each; the
 * record-decision page's conditional fields are all shown without JavaScript, so every step works with it on and
 * off. Each step calls `check` on every page it lands on (screenshot and accessibility audit).
 */
import type { Page } from 'playwright-core';
import { fillDateTime, type TypedTime } from './date-time';

type Check = (name: string) => Promise<void>;

/**
 * The test app's clock (TEST_CLOCK_AT, test/support/test-app.ts) stands at 10:00 UTC on 2 March 2026, which is GMT:
 * a decision dated then is neither before the submission nor after now while the clock has not moved.
 */
export const AT_THE_TEST_CLOCK: TypedTime = { day: '2', month: '3', year: '2026', hour: '10', minute: '00' };

/** From the SPOC's start page (the work queue, what waits for review), opens the review of the application `urn`. */
export async function openQueueAndReview(page: Page, check: Check, urn: string): Promise<void> {
  await page.goto('/web/spoc');
  await check('spoc-queue');
  await page.getByRole('link', { name: urn, exact: true }).click();
  await check('spoc-review');
}

/** On the review: returns the application to the applicant with `reason`, in the category `category`; lands on its record. */
export async function returnWithReason(page: Page, check: Check, reason: string, category = 'Identifier, data or period wrong or unclear'): Promise<void> {
  await page.getByRole('link', { name: 'Return it to the applicant', exact: true }).click();
  await check('spoc-return');
  await page.getByLabel('What the applicant needs to change', { exact: true }).fill(reason);
  await page.getByLabel(category, { exact: true }).check();
  await page.getByRole('button', { name: 'Return to the applicant', exact: true }).click();
  await check('spoc-returned');
}

/** On the review: records the SPOC's advice (and on a sensitive profession, when the form names one) and sends it for authorisation; lands on its record. */
export async function adviseAndSend(
  page: Page,
  check: Check,
  advice = 'Lawful and practical: the operator holds subscriber data for this number and answers through its secure system.',
): Promise<void> {
  await page.getByRole('link', { name: 'Record your advice and send it for authorisation', exact: true }).click();
  await check('spoc-send-for-authorisation');
  await page.getByLabel('Your advice to the authoriser', { exact: true }).fill(advice);
  await page.getByLabel("Through the operator's secure system", { exact: true }).check();
  await page.getByLabel('Practicality (optional)', { exact: true }).fill('Routine for this operator; no cost.');
  const profession = page.getByLabel(/^Your advice on the subject’s profession/);
  if (await profession.count()) await profession.fill('The subscriber data sought reveals nothing of the subject’s work; the authoriser should still weigh it.');
  await page.getByRole('button', { name: 'Send for authorisation', exact: true }).click();
  await check('spoc-sent');
}

/**
 * From the application's record or review (`ipc60A`, awaiting authorisation): records OCDA's grant as OCDA's system
 * gave it, dated `at`; lands on the record, now authorised.
 */
export async function recordOcdaGrant(page: Page, check: Check, at: TypedTime = AT_THE_TEST_CLOCK): Promise<void> {
  await page.getByRole('link', { name: 'Record a decision made by OCDA or a DSO', exact: true }).click();
  await check('spoc-record-ocda-decision');
  await page.getByLabel('OCDA’s reference', { exact: true }).fill('OCDA-2026-4242');
  await page.getByLabel('Name of OCDA’s authorising officer', { exact: true }).fill('Quinn Officer');
  await page.getByLabel('Their office, rank or position', { exact: true }).fill('OCDA Authorising Officer');
  await fillDateTime(page, 'When OCDA decided', at);
  await page.getByLabel('OCDA granted the authorisation', { exact: true }).check();
  await page.getByLabel('OCDA’s reasons for granting it', { exact: true }).fill('Necessary and proportionate for the investigation; subscriber data only.');
  await page.getByLabel('The conduct authorised and the data to be obtained', { exact: true }).fill('Obtain subscriber data for the number from the operator.');
  await page.getByRole('button', { name: 'Record OCDA’s decision', exact: true }).click();
  await check('spoc-ocda-decision-recorded');
}

/**
 * From the application's record or review (`dso61A`, awaiting authorisation): records the oral urgent grant of the
 * DSO named `dsoName` (as the select lists them, e.g. "Supt Dana Dso"), dated `at`, with the DSO's declaration of
 * independence; lands on the record, now authorised with its written record due.
 */
export async function recordDsoOralGrant(page: Page, check: Check, dsoName: string, at: TypedTime = AT_THE_TEST_CLOCK): Promise<void> {
  await page.getByRole('link', { name: 'Record a decision made by OCDA or a DSO', exact: true }).click();
  await check('spoc-record-oral-grant');
  const select = page.getByLabel('The designated senior officer who granted it', { exact: true });
  const option = select.locator('option', { hasText: dsoName }).first();
  await select.selectOption((await option.getAttribute('value')) ?? '');
  await fillDateTime(page, 'When they granted it', at);
  await page.getByLabel('Their office, rank or position', { exact: true }).fill('Superintendent');
  await page.getByLabel('Their reasons for granting it', { exact: true }).fill('A life is at risk tonight: necessary, proportionate and urgent.');
  await page.getByLabel('The conduct authorised and the data to be obtained', { exact: true }).fill('Obtain subscriber data for the number from the operator.');
  await page.getByLabel('The officer declared they are independent of the investigation', { exact: true }).check();
  await page.getByRole('button', { name: 'Record the oral grant', exact: true }).click();
  await check('spoc-oral-grant-recorded');
}

/** From the application's record: records the final product issued (ISSUE_PRODUCT); lands on the record. */
export async function recordProductIssued(page: Page, check: Check, applicationId: string): Promise<void> {
  await page.goto(`/web/applications/${applicationId}`);
  await check('record-before-product-issued');
  await page.getByRole('link', { name: 'Record that the product has been issued', exact: true }).click();
  await check('product-issued');
  await page.getByRole('button', { name: 'Record the product issued', exact: true }).click();
  await page.getByText('Product recorded as issued').first().waitFor();
  await check('record-product-issued');
}
