/**
 * Helpers of the product pages' specs (test/web/products-*.e2e-spec.ts): the issue form posted for its preview,
 * the preview's confirmation and its "Change your answers" posted as the page carries them, and a download read as bytes.
 */
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { hiddenField } from '../support/web-session';

/** The issue form of `applicationId`, answered with `fields` and posted for its preview, with the form's CSRF token. */
export async function previewIssue(agent: TestAgent, applicationId: string, fields: Record<string, string>): Promise<Response> {
  const form = await agent.get(`/web/applications/${applicationId}/products/new`).expect(200);
  return agent.post(`/web/applications/${applicationId}/products/preview`).type('form').send({ _csrf: hiddenField(form.text, '_csrf'), ...fields });
}

/** Posts the preview page's confirmation as a browser would: every hidden field the page carries, then `overrides`. */
export function confirmPreview(agent: TestAgent, applicationId: string, previewHtml: string, overrides: Record<string, string> = {}): Promise<Response> {
  const form = /<form method="post" action="[^"]*\/products"[^>]*>([\s\S]*?)<\/form>/.exec(previewHtml)?.[1] ?? '';
  const fields = Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
  return agent.post(`/web/applications/${applicationId}/products`).type('form').send({ ...fields, ...overrides });
}

/** Posts the preview page's "Change your answers" form as a browser would: every hidden field it carries, then `overrides`. */
export function changeAnswers(agent: TestAgent, applicationId: string, previewHtml: string, overrides: Record<string, string> = {}): Promise<Response> {
  const form = /<form method="post" action="[^"]*\/products\/new"[^>]*>([\s\S]*?)<\/form>/.exec(previewHtml)?.[1] ?? '';
  const fields = Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
  return agent.post(`/web/applications/${applicationId}/products/new`).type('form').send({ ...fields, ...overrides });
}

/** GETs `path` as bytes, with its status and headers. */
export async function binary(agent: TestAgent, path: string): Promise<{ status: number; bytes: Buffer; headers: Record<string, string>; text: string }> {
  const res = await agent
    .get(path)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const bytes = res.body as Buffer;
  return { status: res.status, bytes, headers: res.headers, text: bytes.toString('utf8') };
}
