/**
 * The SPOC's acquisition pages driven in a browser (issue 20, item 1): requests to CSPs made from an authorised
 * application, sent, their HI-1 message and copy pack downloaded, returns uploaded (a plain multipart form with a
 * file input), failed checks read and reviewed, and requests marked checked. Plain links, form
 * fields and submit buttons; the forms for an operator's answer sit in GOV.UK details, which are native
 * `<details>` and open without JavaScript, so every step works with it on and off. Each step calls `check` on every
 * page it lands on (screenshot and accessibility audit).
 */
import type { Page } from 'playwright-core';

type Check = (name: string) => Promise<void>;

/** A file to upload, as the browser's file chooser takes it. */
export interface ReturnFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Opens the acquisition of the application `applicationId` (the SPOC's page for its requests to CSPs). */
export async function openAcquisition(page: Page, check: Check, applicationId: string): Promise<void> {
  await page.goto(`/web/applications/${applicationId}/acquisition`);
  await check('acquisition');
}

/**
 * From the acquisition page: makes a request to the operator `cspName` (as the directory names it, e.g. "Example
 * Mobile Ltd") for the authorised items whose labels match `items`; lands on the new request's page.
 */
export async function makeRequest(page: Page, check: Check, cspName: string, items: (string | RegExp)[]): Promise<void> {
  await page.getByRole('button', { name: 'Make a request to an operator', exact: true }).click();
  await check('acquisition-new-request');
  await page.getByLabel(cspName, { exact: true }).check();
  for (const item of items) await page.getByRole('checkbox', { name: item }).check();
  await page.getByRole('button', { name: 'Create the request', exact: true }).click();
  await check('request-made');
}

/** On a request's page: downloads the HI-1 message (when the operator takes it) and the copy pack; their file names. */
export async function downloadExports(page: Page, withHi1 = true): Promise<string[]> {
  const names: string[] = [];
  const take = async (name: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name, exact: true }).click()]);
    names.push(download.suggestedFilename());
  };
  if (withHi1) await take('Download the HI-1 message (JSON) for the operator’s secure system');
  await take('Download the copy pack (text) for the operator’s portal');
  return names;
}

/** On a request's page: records that it was sent to the operator; lands on the request again. */
export async function recordSent(page: Page, check: Check): Promise<void> {
  await page.getByRole('button', { name: 'Record that you sent it to the operator', exact: true }).click();
  await check('request-sent');
}

/** On a request's page: uploads `file` as a return (for the item labelled `item`, when the request has several); lands on the return. */
export async function uploadReturn(page: Page, check: Check, file: ReturnFile, item?: string | RegExp): Promise<void> {
  if (item) await page.getByRole('radio', { name: item }).check();
  await page.getByLabel('The return file', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Upload the return', exact: true }).click();
  await check('return');
}

/** On a return's page: the failed checks' headings, and where each one's suspected error is in the register. */
export async function readFailedChecks(page: Page): Promise<{ checks: string[]; errorLinks: string[] }> {
  const checks = await page.getByRole('heading', { level: 3, name: /^Failed: / }).allTextContents();
  const links = page.getByRole('link', { name: /^The suspected error it raised/ });
  const errorLinks: string[] = [];
  for (let i = 0; i < (await links.count()); i += 1) errorLinks.push((await links.nth(i).getAttribute('href')) ?? '');
  return { checks: checks.map((c) => c.trim()), errorLinks };
}

/** On a return's page: reviews every failed check still to review, confirming each as an error with `reason`. */
export async function confirmEveryCheck(page: Page, check: Check, reason: string): Promise<void> {
  const buttons = page.getByRole('button', { name: 'Record your review' });
  while ((await buttons.count()) > 0) {
    await page.getByRole('radio', { name: 'Confirm it as an error' }).first().check();
    await page.getByRole('textbox', { name: /Why \(/ }).first().fill(reason);
    await buttons.first().click();
    await check('return-check-reviewed');
  }
}

/** From a return's page: back to its request, and marks the request checked; lands on the request. */
export async function markChecked(page: Page, check: Check): Promise<void> {
  if (/\/returns\//.test(page.url())) {
    await page.getByRole('link', { name: 'Back to the request', exact: true }).click();
    await check('request-returns');
  }
  await page.getByRole('button', { name: 'Mark the request as checked', exact: true }).click();
  await check('request-checked');
}
