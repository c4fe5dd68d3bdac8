/**
 * The authoriser's pages driven in a browser (issue 19): the queue, the decision page, the written record of an oral
 * grant. Plain links, form fields and one submit button each, so they work with JavaScript on and off. Each step
 * calls `check` on every page it lands on (screenshot and accessibility audit).
 */
import type { Page } from 'playwright-core';

type Check = (name: string) => Promise<void>;

/** What a grant states (IPA s.64) and the findings the law leaves to the authoriser (docs/law.md §3.7). */
export interface GrantOptions {
  /** The reasons box: why the acquisition is necessary and proportionate (the rationale). */
  reasons: string;
  officeRank: string;
  conductAuthorised: string;
  conditions?: string;
  /** A DSO's declaration of independence (IPA s.63). */
  independent?: boolean;
  /** A DSO's exceptional circumstances instead of the declaration (IPA s.63). */
  notIndependentBecause?: string;
  /** A DSO's own finding that no SPOC need be consulted (IPA s.76), when none was. */
  spocNotConsulted?: string;
  /** The finding of an imminent threat to life, for a journalist's source (IPA s.77). */
  imminentThreatToLife?: string;
  /** How the decider weighed a sensitive profession named on the form. */
  sensitiveProfession?: string;
  /** A DSO's oral urgent grant on dso61A. */
  oral?: boolean;
}

/** From the start page "Decisions", opens the decision page of the application `urn`. */
export async function openQueueAndDecide(page: Page, check: Check, urn: string): Promise<void> {
  await page.goto('/web/decisions');
  await check('decisions');
  await page.getByRole('link', { name: `${urn} – make your decision`, exact: true }).click();
  await check('decide');
}

/** On the decision page: fills the findings asked for, the reasons and the grant's particulars, picks "Grant" and records it. */
export async function grantWithReasons(page: Page, check: Check, opts: GrantOptions): Promise<void> {
  if (opts.independent) await page.getByLabel('I am independent of this investigation', { exact: true }).check();
  if (opts.notIndependentBecause) {
    await page.getByLabel('Or, if you are not independent: the exceptional circumstances that require you to decide it', { exact: true }).fill(opts.notIndependentBecause);
  }
  if (opts.spocNotConsulted) await page.getByLabel('Your finding: why no SPOC need be consulted', { exact: true }).fill(opts.spocNotConsulted);
  if (opts.imminentThreatToLife) {
    await page.getByLabel('If an imminent threat to life makes it necessary: your reasons', { exact: true }).fill(opts.imminentThreatToLife);
  }
  if (opts.sensitiveProfession) await page.getByLabel('How you weighed the subject’s profession', { exact: true }).fill(opts.sensitiveProfession);
  await page.getByLabel('Your reasons', { exact: true }).fill(opts.reasons);
  await page.getByLabel('Your office, rank or position', { exact: true }).fill(opts.officeRank);
  await page.getByLabel('The conduct authorised and the data to be obtained', { exact: true }).fill(opts.conductAuthorised);
  if (opts.conditions) await page.getByLabel('Conditions (optional)', { exact: true }).fill(opts.conditions);
  if (opts.oral) await page.getByLabel('I granted this orally', { exact: true }).check();
  await page.getByLabel('Grant', { exact: true }).check();
  await page.getByRole('button', { name: 'Record your decision' }).click();
  await check('decision-recorded');
}

/** From the start page, opens the written-record page of the oral grant `urn` (its clock shown) and makes the written record. */
export async function writeWrittenRecord(
  page: Page,
  check: Check,
  urn: string,
  text = 'Granted orally in an urgent case; the acquisition was necessary and proportionate for the reasons recorded at the grant.',
): Promise<void> {
  await page.goto('/web/decisions');
  await check('decisions');
  await page.getByRole('link', { name: `${urn} – make the written record`, exact: true }).click();
  await check('written-record');
  await page.getByLabel('Your written record of the oral grant', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Save the written record' }).click();
  await check('written-record-saved');
}
