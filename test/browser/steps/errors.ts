/**
 * The manager's error register pages driven in a browser (issue 20, item 3): the register filtered to the suspected
 * errors, the entry a failed return check raised, recording it, assessing it, reporting it to the IPC (first refused
 * with the rule's words, then sent), and downloading the report as a PDF. Plain links, a GET form of filters, form
 * fields and one submit button each, so every step works with JavaScript on and off. Each step calls `check` on every
 * page it lands on (screenshot and accessibility audit).
 */
import type { Page } from 'playwright-core';
import { fillDateTime, type TypedTime } from './date-time';

type Check = (name: string) => Promise<void>;

/** What the manager types when recording a suspected error. */
export interface ErrorFacts {
  howItOccurred: string;
  discoveredAt: TypedTime;
  establishedAt: TypedTime;
  cause: string;
  responsible: string;
}

/** From the service navigation, opens the register, filters it to suspected errors, and opens the one whose description starts `description`. */
export async function openSuspectedError(page: Page, check: Check, description: string): Promise<void> {
  await page.getByRole('link', { name: 'Error register', exact: true }).click();
  await check('errors-register');
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Suspected error' });
  await page.getByRole('button', { name: 'Apply filters', exact: true }).click();
  await check('errors-register-suspected');
  await page.getByRole('link', { name: new RegExp(`^${escape(description)}`) }).click();
  await check('error-suspected');
}

/** On a suspected error's page: records it as an error with `facts`; lands on its page, recorded. */
export async function recordError(page: Page, check: Check, facts: ErrorFacts): Promise<void> {
  await page.getByRole('link', { name: 'Record the error', exact: true }).click();
  await check('error-record');
  await page.getByLabel('How it happened', { exact: true }).fill(facts.howItOccurred);
  await fillDateTime(page, 'When the error was discovered', facts.discoveredAt);
  await fillDateTime(page, 'When the error was established', facts.establishedAt);
  await page.getByLabel('Cause', { exact: true }).selectOption({ label: facts.cause });
  await page.getByRole('group', { name: 'Who was responsible', exact: true }).getByLabel(facts.responsible, { exact: true }).check();
  await page.getByRole('button', { name: 'Record the error', exact: true }).click();
  await check('error-recorded');
}

/** On a recorded error's page: assesses it as the kind labelled `kind`; lands on its page, with the report's due date. */
export async function assessError(page: Page, check: Check, kind = 'Relevant error (IPA 2016 s.231(9))'): Promise<void> {
  await page.getByRole('link', { name: 'Assess the error', exact: true }).click();
  await check('error-assess');
  await page.getByLabel(kind, { exact: true }).check();
  await page.getByRole('button', { name: 'Save the assessment', exact: true }).click();
  await check('error-assessed');
}

/**
 * On an assessed error's page: completes the report and reports it to the IPC. The first attempt leaves out the steps
 * to prevent it happening again, and the page shows the rule's words (`refusal`) before the complete report is sent.
 */
export async function reportToIpc(
  page: Page,
  check: Check,
  refusal: string,
  destroyedAt: TypedTime,
): Promise<void> {
  await page.getByRole('link', { name: 'Report the error to the IPC', exact: true }).click();
  await check('error-report');
  await page.getByLabel('Collateral intrusion: whose privacy was intruded on, and how', { exact: true }).fill('The subscriber details of one uninvolved person.');
  await page.getByLabel('How much data was wrongly obtained', { exact: true }).fill('The subscriber details of one person.');
  await page.getByRole('group', { name: 'What was done with the data wrongly obtained', exact: true }).getByLabel('Destroyed', { exact: true }).check();
  await page.getByRole('group', { name: 'Has the destruction of the data been confirmed? (optional)', exact: true }).getByLabel('Yes', { exact: true }).check();
  await fillDateTime(page, 'When the data was destroyed', destroyedAt);
  await page.getByLabel('Action taken on the data', { exact: true }).fill('None: the data was not used.');
  await page.getByRole('group', { name: 'Was the telecommunications operator told of the error?', exact: true }).getByLabel('Yes', { exact: true }).check();
  await page.getByRole('button', { name: 'Report to the IPC', exact: true }).click();
  await check('error-report-refused');
  const summary = await page.getByRole('alert').textContent();
  if (!summary?.includes(refusal)) throw new Error(`the refused report does not give the rule's reason "${refusal}": ${summary ?? 'no error summary'}`);
  await page.getByLabel('Steps taken or to be taken so that it does not happen again', { exact: true }).fill('Numbers are now read back before submission.');
  await page.getByRole('button', { name: 'Report to the IPC', exact: true }).click();
  await check('error-reported');
}

/**
 * On a reported error's page: downloads the report to the IPC from its link, and reads the same address through the
 * browser's session to see it kept out of caches. Returns the PDF.
 */
export async function downloadIpcReport(page: Page): Promise<{ pdf: Buffer; cacheControl: string | undefined; contentType: string | undefined }> {
  const link = page.getByRole('link', { name: 'Download the report to the IPC (PDF)', exact: true });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  await download.path();
  const response = await page.request.get((await link.getAttribute('href')) ?? '');
  if (!response.ok()) throw new Error(`the report PDF answered ${response.status()}`);
  return { pdf: await response.body(), cacheControl: response.headers()['cache-control'], contentType: response.headers()['content-type'] };
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
