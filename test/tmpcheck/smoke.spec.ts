import { writeFileSync } from 'node:fs';
import { renderProductPdf } from '../../src/products/product.pdf';
import { extractPdfText } from '../support/errors-pdf-text';
import { callRecordProduct, ipResolutionProduct, mixedProduct, subscriberProduct } from '../support/product-content-fixture';

it('smoke', async () => {
  const cases = { calls: callRecordProduct(200), callsEv: callRecordProduct(30, { handling: 'evidential' }), sub: subscriberProduct(), ip: ipResolutionProduct({ handling: 'evidential' }), mixed: mixedProduct(40) };
  for (const [name, content] of Object.entries(cases)) {
    const t0 = performance.now();
    const pdf = await renderProductPdf(content);
    const ms = performance.now() - t0;
    writeFileSync(`/tmp/product-${name}.pdf`, pdf);
    const text = await extractPdfText(pdf);
    writeFileSync(`/tmp/product-${name}.txt`, text.pages.map((p) => `=== PAGE ${p.num}\n${p.text}`).join('\n'));
    console.log(name, text.total, Math.round(ms));
  }
});
