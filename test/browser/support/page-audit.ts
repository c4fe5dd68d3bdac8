import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.2 A and AA rules (and the 2.0/2.1 ones they include), as axe-core tags them. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's WCAG 2.2 A/AA violations on what `page` shows now. The page itself may run no script (its CSP, or
 * JavaScript turned off), so axe runs in a separate page with scripts on, over the same HTML with the same
 * stylesheets, in a document of the service's origin, which is what axe needs: the DOM and its computed styles.
 */
export async function axeViolations(page: Page, auditPage: Page, baseUrl: string): Promise<AxeViolation[]> {
  // Scripts out: the DOM is audited as the page left it (enhanced or not), without running its scripts twice.
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '').replace(/<head>/i, `<head><base href="${baseUrl}/">`);
  // Written into a document of the service's own origin: its stylesheets are same-origin only (Cross-Origin-Resource-Policy).
  if (!auditPage.url().startsWith(baseUrl)) await auditPage.goto(`${baseUrl}/assets/web/app.css`);
  await auditPage.setContent(html, { waitUntil: 'load' });
  await auditPage.evaluate(AXE_SOURCE);
  return auditPage.evaluate(async (tags) => {
    // Runs in the page: `axe` is the global axe-core defined above (this project compiles without the DOM's types).
    const page = globalThis as unknown as { axe: { run: (context: unknown, options: object) => Promise<{ violations: AxeViolation[] }> }; document: unknown };
    return (await page.axe.run(page.document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })).violations;
  },
    WCAG_TAGS,
  );
}

/** A violation list a person can act on: rule, impact, help and the elements. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
}
