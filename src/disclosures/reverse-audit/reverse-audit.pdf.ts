/**
 * Renders a {@link ReverseAuditView} as a PDF (issue 24, item 4; docs/returns.md §7), marked OFFICIAL-SENSITIVE on
 * every page, every instant as a Europe/London time with its zone, every code in words. Synchronous layout: the
 * service renders it through the worker pool (reverse-audit.worker.ts), never on the event loop.
 */
import { drawTable } from '../../pdf/pdf-table';
import { londonTime, yesNo } from '../../pdf/plain-english';
import { renderPdf } from '../../pdf/render-pdf';
import { FINDING_LABELS, REVERSE_AUDIT_MARKING, REVERSE_AUDIT_TITLE, type ReverseAuditView } from './reverse-audit.view';

export function renderReverseAuditPdf(view: ReverseAuditView, options: { creationDate: Date }): Promise<Buffer> {
  return renderPdf({ title: `${REVERSE_AUDIT_TITLE} (${view.id})`, subject: REVERSE_AUDIT_MARKING, marking: REVERSE_AUDIT_MARKING, creationDate: options.creationDate }, (w) => {
    w.title(REVERSE_AUDIT_TITLE, `${view.authorityName}: ${view.csp.name}`);
    w.field('Period', `${londonTime(view.period.from)} to ${londonTime(view.period.to)}`);
    w.field('Uploaded by', `${view.uploadedBy}, ${londonTime(view.uploadedAt)}`);
    w.field('The CSP’s list', `${view.lines} line(s); SHA-256 ${view.listSha256}`);
    w.field('Matched to an authorised, sent request', String(view.matched.length));
    w.field('Findings', String(view.findings.length));
    w.field('Suspected errors raised', String(view.suspectedErrors));
    w.heading('Findings');
    if (view.findings.length === 0) {
      w.paragraph('Every line matched an authorised, sent request, and every request recorded as answered is on the list.');
    } else {
      drawTable(w, {
        columns: [
          { header: 'Line', weight: 1 },
          { header: 'Finding', weight: 4 },
          { header: 'Application', weight: 3 },
          { header: 'Disclosed', weight: 3 },
          { header: 'Suspected error', weight: 2 },
        ],
        rows: view.findings.map((f) => ({
          cells: [f.line === null ? '—' : String(f.line), FINDING_LABELS[f.kind], f.urn ?? 'none', f.disclosedAt ? londonTime(f.disclosedAt) : '—', yesNo(f.suspectedError)],
          notes: [f.detail],
        })),
      });
    }
    w.heading('Matched lines');
    if (view.matched.length === 0) w.paragraph('No line matched.');
    else drawTable(w, { columns: [{ header: 'Line', weight: 1 }, { header: 'Application', weight: 4 }, { header: 'Request', weight: 6, font: 'mono' }], rows: view.matched.map((m) => ({ cells: [String(m.line), m.urn, m.requestId] })) });
  });
}
