import { createHash } from 'node:crypto';
import { renderErrorReportPdf } from '../../src/errors/error-report.pdf';
import { renderPdf } from '../../src/pdf/render-pdf';
import { drawTable } from '../../src/pdf/pdf-table';
import { worstCaseErrorReportView } from '../support/errors-report-worst-case';

it('hashes', async () => {
  const view = worstCaseErrorReportView();
  const a = await renderErrorReportPdf(view, { creationDate: new Date(view.generatedAt) });
  const b = await renderPdf({ title: 't', subject: 's', marking: 'OFFICIAL', creationDate: new Date('2026-03-02T09:30:00Z') }, (w) => {
    w.title('x'); drawTable(w, { columns: [{ header: 'a', weight: 1 }], rows: Array.from({ length: 100 }, (_, i) => ({ cells: [`r${i}`] })) });
  });
  console.log('HASH', createHash('sha256').update(a).digest('hex'), createHash('sha256').update(b).digest('hex'));
});
