/**
 * The investigator's pages driven in a browser (issue 19, item 3), in the order a person works: start an
 * application from "My applications", answer the question pages, check the answers and submit, read a SPOC's return
 * and resubmit, then record the use made of the data, renew, or withdraw. Plain links, form fields and submit
 * buttons only ("Add another" posts the form), so every step works with JavaScript on and off. Each step calls
 * `check` on every page it lands on (screenshot and accessibility audit).
 */
import type { Page } from 'playwright-core';
import { fillDateTime } from './date-time';

type Check = (name: string) => Promise<void>;

export interface ApplicationOptions {
  /** The urgent route (IPA s.61A, `dso61A`): grade 1, an imminent threat to life, and why it is urgent. */
  urgent?: boolean;
  /** The operation's name, to find the application again. */
  operationName?: string;
  /** The identifier, a UK mobile number as the source gave it. */
  telephone?: string;
}

const DEFAULTS = { operationName: 'Op Kestrel', telephone: '07911 123456' };

/** The application's path (`/web/applications/<id>`) from the address of any of its pages. */
function applicationPathOf(page: Page): string {
  const match = /\/web\/applications\/[0-9a-f-]{36}/.exec(new URL(page.url()).pathname);
  if (!match) throw new Error(`not on an application's page: ${page.url()}`);
  return match[0];
}

async function saveAndContinue(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save and continue', exact: true }).click();
  await page.waitForLoadState('load');
}

/** From "My applications", starts a new application; lands on its first question. Returns the application's path. */
export async function startApplication(page: Page, check: Check): Promise<string> {
  await page.goto('/web/applications');
  await check('my-applications');
  await page.getByRole('button', { name: 'Start a new application' }).click();
  await page.waitForLoadState('load');
  await check('question-about');
  return applicationPathOf(page);
}

/** Answers "About the application" (the route: `opts.urgent` for dso61A) and "Purpose and offences", adding an offence row on the way. */
export async function fillAboutAndPurpose(page: Page, check: Check, opts: ApplicationOptions = {}): Promise<void> {
  await page.getByLabel('Your name', { exact: true }).fill('DC Alex Applicant');
  await page.getByLabel('Your office, rank or position', { exact: true }).fill('Detective Constable');
  await page.getByLabel('Team (optional)', { exact: true }).fill('CID');
  await page.getByLabel('Investigation reference', { exact: true }).fill('TVP-2026-0042');
  await page.getByLabel('Operation name (optional)', { exact: true }).fill(opts.operationName ?? DEFAULTS.operationName);
  await page
    .getByLabel(opts.urgent ? 'A designated senior officer, urgently (IPA s.61A)' : 'OCDA, on behalf of the Investigatory Powers Commissioner (IPA s.60A)', { exact: true })
    .check();
  await page.getByLabel(opts.urgent ? 'Grade 1 (immediate threat to life)' : 'Grade 3 (not urgent but time-critical)', { exact: true }).check();
  await saveAndContinue(page);
  await check('question-purpose');

  await page.getByLabel('The applicable crime purpose', { exact: true }).check();
  const offence = page.getByRole('group', { name: 'Offence 1', exact: true });
  await offence.getByLabel('Offence', { exact: true }).fill('Robbery');
  await offence.getByLabel('Statute and section (optional)', { exact: true }).fill('Theft Act 1968 s.8');
  await offence.getByLabel('Maximum sentence for an adult, in months (optional)', { exact: true }).fill('999');
  // "Add another" posts the form and shows it again with a second, blank offence; a blank row is not saved.
  await page.getByRole('button', { name: 'Add another offence', exact: true }).click();
  await page.waitForLoadState('load');
  await check('question-purpose-another-offence');
  await page.getByRole('group', { name: 'Offence 2', exact: true }).getByLabel('Offence', { exact: true }).waitFor();
  await page.getByLabel('An offence for which an adult may be imprisoned for 12 months or more', { exact: true }).check();
  await page.getByLabel('Summary of the investigation', { exact: true }).fill('A street robbery on 1 March 2026; the victim’s phone was taken.');
  await saveAndContinue(page);
  await check('question-subjects');
}

/**
 * Answers "Subjects", "Identifiers" (checking the number as stored), "Data sought" (a period in UK time) and
 * "Necessity and proportionality" (with why it is urgent when `opts.urgent`); lands on check your answers.
 */
export async function fillTheRest(page: Page, check: Check, opts: ApplicationOptions = {}): Promise<void> {
  const subject = page.getByRole('group', { name: 'Subject 1', exact: true });
  await subject.getByLabel('Role', { exact: true }).selectOption({ label: 'Victim' });
  await subject.getByLabel('Name or description (optional)', { exact: true }).fill('V1');
  await page.getByRole('group', { name: 'Does any subject work in a sensitive profession?' }).getByLabel('No', { exact: true }).check();
  await page.getByRole('group', { name: 'Does the application seek to identify or confirm a journalist' }).getByLabel('No', { exact: true }).check();
  await page.getByRole('group', { name: 'Is there an imminent threat to life?' }).getByLabel(opts.urgent ? 'Yes' : 'No', { exact: true }).check();
  await saveAndContinue(page);
  await check('question-identifiers');

  const identifier = page.getByRole('group', { name: 'Identifier 1' });
  await identifier.getByLabel('Type', { exact: true }).selectOption({ label: 'Telephone number' });
  await identifier.getByLabel('Identifier', { exact: true }).fill(opts.telephone ?? DEFAULTS.telephone);
  await identifier.getByLabel('Where it came from', { exact: true }).fill('victim statement');
  await saveAndContinue(page);
  // The number as the service stored it, to compare with the source before going on.
  await page.getByText('Identifiers saved. Check each one as the service stored it.').waitFor();
  await check('identifiers-as-stored');
  await page.getByRole('link', { name: 'Continue to the data sought' }).click();
  await page.waitForLoadState('load');
  await check('question-data');

  const item = page.getByRole('group', { name: 'Data item 1' });
  await item.getByLabel('Identifier', { exact: true }).selectOption({ index: 1 });
  await item.getByLabel('Data sought', { exact: true }).selectOption({ label: 'Entity data: Subscriber details' });
  await item.getByLabel('Kind of period', { exact: true }).selectOption({ label: 'Historic' });
  await fillDateTime(item, 'Start of the period', { day: '1', month: '3', year: '2026', hour: '00', minute: '00' });
  await fillDateTime(item, 'End of the period', { day: '2', month: '3', year: '2026', hour: '00', minute: '00' });
  await item.getByLabel('Communications service provider', { exact: true }).fill('Vodafone');
  await saveAndContinue(page);
  await check('question-justification');

  await page.getByLabel('Why is obtaining the data necessary?', { exact: true }).fill('The stolen phone links the suspect to the robbery.');
  await page.getByLabel('Why is it proportionate to what is sought to be achieved?', { exact: true }).fill('Subscriber data only, one day.');
  await page.getByLabel('Collateral intrusion', { exact: true }).fill('None expected beyond the account holder.');
  await page.getByLabel('Unintended consequences', { exact: true }).fill('None identified.');
  await page.getByLabel('How will the data be used?', { exact: true }).fill('To identify the user of the stolen phone.');
  if (opts.urgent) await page.getByLabel('Why is it urgent?', { exact: true }).fill('A missing child is at risk tonight.');
  await saveAndContinue(page);
  await check('check-answers');
}

/** On check your answers: submits (or resubmits) to the SPOC; lands on the application's record. Returns its path. */
export async function submitFromCheckAnswers(page: Page, check: Check): Promise<string> {
  const path = applicationPathOf(page);
  const resubmit = page.getByRole('button', { name: 'Resubmit to the SPOC', exact: true });
  await ((await resubmit.count()) ? resubmit : page.getByRole('button', { name: 'Submit to the SPOC', exact: true })).click();
  await page.waitForLoadState('load');
  await check('submitted');
  return path;
}

/**
 * After a SPOC's return: from "My applications" opens what waits on the applicant, reads the SPOC's reasons, changes
 * the proportionality answer through its Change link, and resubmits.
 */
export async function readReturnAndResubmit(page: Page, check: Check, applicationPath: string, proportionality = 'Subscriber data for the one day of the robbery only: the phone was used that day.'): Promise<void> {
  await page.goto('/web/applications');
  await check('my-applications-returned');
  await page
    .getByRole('link', { name: 'The SPOC returned it: change what they asked and resubmit it' })
    .and(page.locator(`[href="${applicationPath}/check-answers"]`))
    .click();
  await page.waitForLoadState('load');
  await page.getByRole('heading', { name: 'What you were asked' }).waitFor();
  await check('check-answers-returned');
  await page.getByRole('link', { name: 'Change proportionality' }).click();
  await page.waitForLoadState('load');
  await check('question-justification-again');
  await page.getByLabel('Why is it proportionate to what is sought to be achieved?', { exact: true }).fill(proportionality);
  await saveAndContinue(page);
  await check('check-answers-before-resubmitting');
  await submitFromCheckAnswers(page, check);
}

/** Once the product is issued: records the use made of the data from the application's outcome page. */
export async function recordOutcome(page: Page, check: Check, applicationPath: string, outcome = 'The subscriber details identified the suspect, who was charged.'): Promise<void> {
  await page.goto(`${applicationPath}/outcome`);
  await check('outcome');
  await page.getByLabel('What use was made of the data?', { exact: true }).fill(outcome);
  await page.getByRole('button', { name: 'Record the outcome', exact: true }).click();
  await page.waitForLoadState('load');
  await check('outcome-recorded');
}

/** While authorised: starts the renewal, a linked new draft; lands on its check your answers. Returns the new application's path. */
export async function renewApplication(page: Page, check: Check, applicationPath: string): Promise<string> {
  await page.goto(`${applicationPath}/renew`);
  await check('renew');
  await page.getByRole('button', { name: 'Start the renewal', exact: true }).click();
  await page.waitForLoadState('load');
  await check('renewal-check-answers');
  return applicationPathOf(page);
}

/** Withdraws the application with a reason; lands on its record. */
export async function withdrawApplication(page: Page, check: Check, applicationPath: string, reason = 'The suspect was charged on other evidence.'): Promise<void> {
  await page.goto(`${applicationPath}/withdraw`);
  await check('withdraw');
  await page.getByLabel('Why are you withdrawing it?', { exact: true }).fill(reason);
  await page.getByRole('button', { name: 'Withdraw the application', exact: true }).click();
  await page.waitForLoadState('load');
  await check('withdrawn');
}
