/**
 * Helpers of the acquisition pages' specs (issue 20, item 1): an application authorised through the API with the
 * items test/fixtures/returns answers (test/support/returns-http.ts), the forms of a page found by their action
 * (a request's page has one form per event, each with its own Idempotency-Key), and a return uploaded through the
 * page's multipart form, its token and key before the file as a browser sends them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApplication, GRANT_DECISION, SPOC_SECTION, step, type AppRecord } from '../support/applications';
import { GRANTED_AT, RETURNS_FORM } from '../support/returns-http';
import type { TestApp } from '../support/test-app';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'returns');
export const SUBSCRIBER_CSV = readFileSync(join(FIXTURES, 'subscriber.csv'), 'utf8');
export const IP_CSV = readFileSync(join(FIXTURES, 'ip-resolution.csv'), 'utf8');
/**
 * The IP resolution as Sample Broadband would send it (the seed's directory has it declare UTC for its files, so the
 * time carries its BST offset), with its one row about another address than the one asked for: one failed check,
 * IDENTIFIER_NOT_REQUESTED.
 */
export const IP_CSV_MISMATCH = IP_CSV.replace('203.0.113.7,51234,2026-06-14 13:05:00', '203.0.113.8,51234,2026-06-14T13:05:00+01:00');

/** The application of the returns fixtures, authorised at {@link GRANTED_AT} (the clock left there). */
export async function authorisedApplication(t: TestApp): Promise<AppRecord> {
  t.clock.set(GRANTED_AT);
  let app = await createApplication(t, 'applicant', RETURNS_FORM);
  app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
  app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
  return step(t, 'ocda', app, { type: 'GRANT', decision: GRANT_DECISION });
}

/** The hidden fields of the form on `html` whose action is `action` (and, for an event's form, whose type is `type`). */
export function formOn(html: string, action: string, type?: string): Record<string, string> {
  const form = html
    .split('<form')
    .slice(1)
    .find((chunk) => chunk.includes(`action="${action}"`) && (type === undefined || chunk.includes(`name="type" value="${type}"`)));
  if (!form) throw new Error(`no form posting to ${action}${type ? ` for ${type}` : ''} on the page`);
  const body = form.slice(0, form.indexOf('</form>'));
  return Object.fromEntries([...body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

/** Sends the form of `type` on the request's page, as shown there, with `fields`. */
export async function sendEventForm(agent: TestAgent, requestId: string, type: string, fields: Record<string, string> = {}): Promise<request.Response> {
  const page = await agent.get(`/web/disclosure-requests/${requestId}`).expect(200);
  const action = `/web/disclosure-requests/${requestId}/events`;
  return agent.post(action).type('form').send({ ...formOn(page.text, action, type), ...fields });
}

/** The request a page redirected to, by its id at the end of the Location. */
export function idIn(location: unknown): string {
  const match = /([0-9a-f-]{36})$/.exec(String(location));
  if (!match) throw new Error(`no id in the location ${String(location)}`);
  return match[1];
}

/** Creates a request to the CSP named `cspName` for the items `refs` through the page; its id. */
export async function createThroughPage(agent: TestAgent, app: { id: string }, cspId: string, refs: string[]): Promise<string> {
  const path = `/web/applications/${app.id}/acquisition/new`;
  const page = await agent.get(path).expect(200);
  const res = await agent.post(path).type('form').send({ ...formOn(page.text, path), cspId, items: refs });
  expect({ status: res.status, location: String(res.headers.location) }).toEqual({ status: 303, location: expect.stringMatching(/^\/web\/disclosure-requests\//) });
  return idIn(res.headers.location);
}

export interface UploadForm {
  fields?: Record<string, string>;
  fileName?: string;
  contentType?: string;
}

/**
 * Uploads `content` through the request page's form: the hidden fields as the page gives them (unless `fields`
 * overrides them), then the form's own fields, then the file.
 */
export async function uploadThroughPage(agent: TestAgent, requestId: string, content: string, options: UploadForm = {}): Promise<request.Response> {
  const page = await agent.get(`/web/disclosure-requests/${requestId}`).expect(200);
  const action = `/web/disclosure-requests/${requestId}/returns`;
  const fields = { ...formOn(page.text, action), ...(options.fields ?? {}) };
  let req = agent.post(action);
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  return req.attach('file', Buffer.from(content, 'utf8'), { filename: options.fileName ?? 'return.csv', contentType: options.contentType ?? 'text/csv' });
}
