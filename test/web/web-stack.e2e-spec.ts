/**
 * The web pages' stack through real HTTP (issue 19, item 1 and its acceptance without a browser): GOV.UK pages
 * with the marking, a per-response CSP nonce on the one inline script, the sign-in form and its cookie, CSRF on
 * every POST, need-to-know as a "Page not found" page, and the 30-minute idle limit.
 */
import type { SettableClock } from '../../src/clock.provider';
import { SESSION_CLOCK } from '../../src/auth/session-clock';
import { SessionsService } from '../../src/auth/sessions.service';
import { createApplication, SPOC_SECTION, step } from '../support/applications';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../support/test-app';
import { hiddenField, signIn, webAgent } from '../support/web-session';

const MINUTE = 60_000;

describe('web pages: the stack', () => {
  let t: TestApp;
  let sessionClock: SettableClock;

  beforeAll(async () => {
    t = await createTestApp({ env: { TEST_SESSION_CLOCK_AT: '2026-11-26T09:00:00.000Z' } });
    sessionClock = t.app.get<SettableClock>(SESSION_CLOCK);
  });
  afterAll(() => t.close());

  it('serves the sign-in page as GOV.UK HTML with the marking at top and foot and a nonce on its inline script', async () => {
    const res = await t.http().get('/sign-in').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text.match(/OFFICIAL-SENSITIVE/g)?.length).toBeGreaterThanOrEqual(2);
    const nonce = /<script nonce="([^"]+)">document\.body\.className/.exec(res.text)?.[1];
    expect(nonce).toBeDefined();
    expect(res.headers['content-security-policy']).toContain(`'nonce-${nonce}'`);
    const again = await t.http().get('/sign-in').expect(200);
    expect(again.headers['content-security-policy']).not.toContain(`'nonce-${nonce}'`);
  });

  it('serves the GOV.UK and MoJ assets from the installed packages', async () => {
    await t.http().get('/assets/govuk-frontend.min.css').expect(200).expect('content-type', /text\/css/);
    await t.http().get('/assets/moj-frontend.min.js').expect(200).expect('content-type', /javascript/);
    await t.http().get('/assets/fonts/bold-b542beb274-v2.woff2').expect((r) => expect([200, 404]).toContain(r.status));
    await t.http().get('/assets/images/favicon.ico').expect(200);
    await t.http().get('/assets/web/init.mjs').expect(200);
  });

  it('refuses a sign-in without its CSRF token (403 page), and signs in with it: an httpOnly SameSite=Lax cookie, then the start page', async () => {
    const agent = await webAgent(t);
    await agent.get('/sign-in').expect(200);
    const refused = await agent.post('/sign-in').type('form').send({ username: 'applicant', password: 'Demo-Password-2026' }).expect(403);
    expect(refused.text).toContain('You cannot do that');
    const res = await signIn(agent, 'applicant');
    expect(res.status).toBe(303);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('cd_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(res.headers.location).toBe('/web/applications');
  });

  it('shows a wrong password on the form with an error summary, and sends a page that needs sign-in to the sign-in page', async () => {
    const agent = await webAgent(t);
    const wrong = await signIn(agent, 'applicant', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('govuk-error-summary');
    expect(wrong.text).toContain('The username or password is wrong.');
    const app = await createApplication(t);
    const page = await agent.get(`/web/applications/${app.id}`).expect(303);
    expect(page.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(`/web/applications/${app.id}`)}`);
  });

  it('checks the username exactly as typed, as the login limits count it: a padded name is not the account', async () => {
    const agent = await webAgent(t);
    const padded = await signIn(agent, ' applicant ');
    expect(padded.status).toBe(401);
    expect(padded.text).toContain('The username or password is wrong.');
  });

  it('signing in again in the same browser ends the session it had', async () => {
    const sessions = t.app.get(SessionsService);
    const me = (await t.http().get('/me/sessions').set('Authorization', `Bearer ${await t.token('applicant2')}`).expect(200)).body as { items: unknown[] };
    const agent = await webAgent(t, 'applicant2');
    const userId = ((await t.http().post('/auth/login').send({ username: 'applicant2', password: DEMO_PASSWORD })).body as { user: { id: string } }).user.id;
    const before = (await sessions.listLive(userId)).length;
    expect(before).toBe(me.items.length + 2);
    await signIn(agent, 'applicant2');
    expect((await sessions.listLive(userId)).length).toBe(before);
  });

  it('a POST of a signed-in page without a valid CSRF token is 403 and changes nothing', async () => {
    const agent = await webAgent(t, 'applicant');
    const page = await agent.get('/sign-out').expect(200);
    await agent.post('/sign-out').type('form').send({ _csrf: 'forged' }).expect(403);
    await agent.get('/sign-out').expect(200);
    await agent.post('/sign-out').type('form').send({ _csrf: hiddenField(page.text, '_csrf') }).expect(200);
    await agent.get('/sign-out').expect(303);
  });

  it('shows the application record with its timeline and verification, and another force’s application as Page not found', async () => {
    const app = await createApplication(t);
    const own = await webAgent(t, 'applicant');
    const page = await own.get(`/web/applications/${app.id}`).expect(200);
    expect(page.text).toContain(app.urn);
    expect(page.text).toContain('moj-timeline');
    expect(page.text).toContain('Chain verified');
    const other = await webAgent(t, 'other-applicant');
    const hidden = await other.get(`/web/applications/${app.id}`).expect(404);
    expect(hidden.text).toContain('Page not found');
    expect(hidden.text).not.toContain(app.urn);
  });

  it('says what was just done in a success banner (known words only) and offers the applicant of an authorised application its renewal', async () => {
    let app = await createApplication(t);
    const agent = await webAgent(t, 'applicant');
    const done = await agent.get(`/web/applications/${app.id}?done=submitted`).expect(200);
    expect(done.text).toContain('govuk-notification-banner--success');
    expect(done.text).toContain('Application submitted to the SPOC');
    const made = await agent.get(`/web/applications/${app.id}?done=%3Cscript%3E`).expect(200);
    expect(made.text).not.toContain('govuk-notification-banner');
    expect(made.text).not.toContain('Renew the authorisation');
    app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
    app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
    app = await step(t, 'ocda', app, { type: 'GRANT', decision: { rationale: 'Necessary and proportionate.', officeRank: 'Authorising officer', conductAuthorised: 'Subscriber data' } });
    const authorised = await agent.get(`/web/applications/${app.id}`).expect(200);
    expect(authorised.text).toContain(`href="/web/applications/${app.id}/renew"`);
    const spoc = await webAgent(t, 'spoc');
    expect((await spoc.get(`/web/applications/${app.id}`).expect(200)).text).not.toContain('Renew the authorisation');
  });

  it('ends the session after 30 minutes without a request', async () => {
    sessionClock.set(new Date('2026-11-26T09:00:00.000Z'));
    const agent = await webAgent(t, 'applicant');
    const app = await createApplication(t);
    sessionClock.advance(29 * MINUTE);
    await agent.get(`/web/applications/${app.id}`).expect(200);
    sessionClock.advance(30 * MINUTE);
    const expired = await agent.get(`/web/applications/${app.id}`).expect(303);
    expect(expired.headers.location).toMatch(/^\/sign-in\?returnTo=/);
  });
});
