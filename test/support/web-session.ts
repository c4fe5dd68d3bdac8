import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DEMO_PASSWORD } from './test-app';
import type { TestApp } from './test-app';

/** A value of a hidden field on a page (`_csrf`, `idempotencyKey`), or undefined when the page has none. */
export function hiddenField(html: string, name: string): string | undefined {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  return match?.[1];
}

/** A browser-like agent (it keeps cookies) for the web pages, signed in as `username` through the sign-in form. */
export async function webAgent(t: TestApp, username?: string): Promise<TestAgent> {
  const agent = request.agent(t.app.getHttpServer());
  if (username) await signIn(agent, username);
  return agent;
}

export async function signIn(agent: TestAgent, username: string, password = DEMO_PASSWORD): Promise<request.Response> {
  const page = await agent.get('/sign-in').expect(200);
  return agent.post('/sign-in').type('form').send({ _csrf: hiddenField(page.text, '_csrf'), username, password });
}

/**
 * Posts the form on `pagePath` as a person would: its CSRF token, Idempotency-Key and version from the page, with `fields`.
 * The form's action is `postPath` (by default the page's own path).
 */
export async function submitForm(agent: TestAgent, pagePath: string, fields: Record<string, string | string[]>, postPath = pagePath): Promise<request.Response> {
  const page = await agent.get(pagePath).expect(200);
  const key = hiddenField(page.text, 'idempotencyKey');
  const version = hiddenField(page.text, 'version');
  return agent
    .post(postPath)
    .type('form')
    .send({ _csrf: hiddenField(page.text, '_csrf'), ...(key ? { idempotencyKey: key } : {}), ...(version ? { version } : {}), ...fields });
}

/** One signed-in browser per user, made on first use and kept across tests (as a person keeps their session). */
export function agentsFor(app: () => TestApp): (username: string) => Promise<TestAgent> {
  const agents = new Map<string, TestAgent>();
  return async (username) => {
    let agent = agents.get(username);
    if (!agent) {
      agent = await webAgent(app(), username);
      agents.set(username, agent);
    }
    return agent;
  };
}
