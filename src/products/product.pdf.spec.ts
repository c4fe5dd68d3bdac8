/**
 * The product PDF read back with pdf-parse 2.4, text per page (test/support/errors-pdf-text.ts). The expected
 * values are worked out here from the fixture's rows (test/support/product-content-fixture.ts), with Intl for
 * London days and hours, not with the code under test.
 */
import { extractPdfText, squash, type ExtractedText } from '../../test/support/errors-pdf-text';
import {
  callRecordProduct,
  FIXTURE_CAVEATS,
  FIXTURE_CSPS,
  FIXTURE_MARKING,
  FIXTURE_TARGETS,
  ipResolutionProduct,
  mixedProduct,
  subscriberProduct,
} from '../../test/support/product-content-fixture';
import { formatLondonDateTime } from '../workflow/london-time';
import { MAX_CHART_DAYS } from './product-activity-chart';
import type { ProductContent, ProductRecord } from './product-content';
import { checkResultWords, renderProductPdf, SECTION_HEADINGS, SUMMARY_CONTACTS, SUMMARY_HEADING } from './product.pdf';
import { createProductPdfPool } from './product.worker';

// ---- reading back -----------------------------------------------------------------------------

const PAGE_NUMBER = /^Page \d+ of \d+$/;
const lines = (text: string): string[] => text.split('\n').map((line) => line.trim());
const occurrences = (text: string, needle: string): number => text.split(needle).length - 1;
const london = (iso: string): string => formatLondonDateTime(new Date(iso));

/** A page's text without its stamped header and footer lines. */
function pageBody(text: string, content: ProductContent): string {
  return squash(
    lines(text)
      .filter((line) => line !== content.marking && line !== content.handlingCaveat && !PAGE_NUMBER.test(line))
      .join('\n'),
  );
}

function body(extracted: ExtractedText, content: ProductContent): string {
  return extracted.pages.map((page) => pageBody(page.text, content)).join(' ');
}

async function render(content: ProductContent): Promise<{ pdf: Buffer; text: ExtractedText; body: string }> {
  const pdf = await renderProductPdf(content);
  const text = await extractPdfText(pdf);
  return { pdf, text, body: body(text, content) };
}

// ---- what the rows say, worked out independently ------------------------------------------------

const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** The London day (as the chart labels it, `Sun 29 Mar 2026`) and hour of an instant. */
function londonDayHour(iso: string): { day: string; hour: number; key: string } {
  const p = Object.fromEntries(LONDON_PARTS.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  const key = new Date(Date.UTC(Number(p.year), ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(p.month), Number(p.day))).toISOString().slice(0, 10);
  return { day: `${p.weekday} ${p.day} ${p.month} ${p.year}`, hour: Number(p.hour), key };
}

/** The contacts of call rows, most events first (then earliest first seen, then the party), each as the summary prints it. */
function expectedContacts(records: readonly ProductRecord[]): string[] {
  const byParty = new Map<string, { events: number; times: number[] }>();
  for (const r of records) {
    if (r.otherParty === null) continue;
    const entry = byParty.get(r.otherParty) ?? { events: 0, times: [] };
    entry.events += 1;
    if (r.atUtc !== null) entry.times.push(Date.parse(r.atUtc));
    byParty.set(r.otherParty, entry);
  }
  return [...byParty.entries()]
    .map(([party, { events, times }]) => ({ party, events, first: Math.min(...times), last: Math.max(...times) }))
    .sort((a, b) => b.events - a.events || a.first - b.first || (a.party < b.party ? -1 : 1))
    .map((c) => `${c.party} ${c.events} ${london(new Date(c.first).toISOString())} ${london(new Date(c.last).toISOString())}`);
}

/** Each London day's line of the chart: its label, the 24 hours (a dot for none) and its total; and the line of all days. */
function expectedChart(records: readonly ProductRecord[]): { days: string[]; allDays: string } {
  const byDay = new Map<string, { day: string; hours: number[] }>();
  const allHours = new Array<number>(24).fill(0);
  for (const r of records) {
    if (r.atUtc === null) continue;
    const { day, hour, key } = londonDayHour(r.atUtc);
    const entry = byDay.get(key) ?? { day, hours: new Array<number>(24).fill(0) };
    entry.hours[hour] += 1;
    allHours[hour] += 1;
    byDay.set(key, entry);
  }
  const cells = (hours: number[]) => hours.map((n) => (n === 0 ? '·' : String(n))).join(' ');
  const sum = (hours: number[]) => hours.reduce((a, b) => a + b, 0);
  const days = [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, { day, hours }]) => `${day} ${cells(hours)} ${sum(hours)}`);
  return { days, allDays: `All days ${cells(allHours)} ${sum(allHours)}` };
}

/** A returned call row as its table prints it, cell by cell. */
function expectedCallRow(r: ProductRecord): string {
  const utc = (r.atUtc as string).slice(0, 19).replace('T', ' ');
  const sign = r.sourceOffset?.startsWith('-') ? -1 : 1;
  const [h, m] = (r.sourceOffset as string).slice(1).split(':').map(Number);
  const local = new Date(Date.parse(r.atUtc as string) + sign * (h * 60 + m) * 60_000).toISOString();
  const localText = local.slice(0, 10) === utc.slice(0, 10) ? local.slice(11, 19) : `${local.slice(0, 10)} ${local.slice(11, 19)}`;
  const type = r.eventType === 'sms' ? 'SMS' : 'Voice call';
  const direction = r.direction === 'in' ? 'Incoming' : 'Outgoing';
  return `${r.rowNumber} ${r.identifier} ${r.otherParty} ${utc} UTC / ${localText} ${r.sourceOffset} ${r.durationSeconds} s ${type} ${direction} ${r.cellId}`;
}

/** Codes of the content's vocabularies, none of which a person should read. */
const CODES = [
  'ipc60A', 'dso61', 'ripa22', 'applicableCrime', 'callDataRecords', 'callDataRecord', 'ipAddressResolution', 'ipResolution',
  'msisdn', 'ipPort', 'cspNames', 'spocNotes', 'lastTransaction', 'raisedAsError', 'IDENTIFIER_NOT_REQUESTED', 'OUTSIDE_PERIOD',
  'DATA_TYPE_NOT_REQUESTED', 'ADDRESS_TYPE_MISMATCH', 'CONTENT_SUSPECTED', 'EXCESS_DATA', 'AMBIGUOUS_LOCAL_TIME', 'AFTER_END', 'PARTS_MISSING',
];
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

// ---- tests ------------------------------------------------------------------------------------

describe('renderProductPdf', () => {
  describe.each([
    { name: 'a one-page product', pages: 1, content: ipResolutionProduct({ checkCodes: ['IDENTIFIER_NOT_REQUESTED', 'OUTSIDE_PERIOD'] }) },
    { name: 'a two-page product', pages: 2, content: callRecordProduct(5) },
    { name: 'a fifty-page product', pages: 50, content: callRecordProduct(1620, { handling: 'evidential' }) },
  ])('$name', ({ pages, content }) => {
    let text: ExtractedText;
    beforeAll(async () => {
      text = (await render(content)).text;
    });

    it(`has ${pages} page(s), each with the marking and the caveat in its header and footer and numbered "Page x of ${pages}"`, () => {
      expect(text.total).toBe(pages);
      for (const page of text.pages) {
        const pageLines = lines(page.text);
        expect({ page: page.num, markings: pageLines.filter((l) => l === FIXTURE_MARKING).length, inText: occurrences(page.text, FIXTURE_MARKING) }).toEqual({
          page: page.num,
          markings: 2,
          inText: 2,
        });
        expect({ page: page.num, caveats: pageLines.filter((l) => l === content.handlingCaveat).length }).toEqual({ page: page.num, caveats: 2 });
        // The caveat in the body too only on the first page of an intelligence product, shown prominently.
        const prominent = page.num === 1 && content.handling === 'intelligence' ? 1 : 0;
        expect({ page: page.num, inText: occurrences(page.text, content.handlingCaveat) }).toEqual({ page: page.num, inText: 2 + prominent });
        expect([...page.text.matchAll(/Page \d+ of \d+/g)].map((m) => m[0])).toEqual([`Page ${page.num} of ${pages}`]);
      }
      // Stamped in order: marking then caveat at the head, caveat then marking at the foot, then the number.
      const first = lines(text.pages[0].text).filter((l) => l !== '');
      expect(first.slice(-5)).toEqual([FIXTURE_MARKING, content.handlingCaveat, content.handlingCaveat, FIXTURE_MARKING, `Page 1 of ${pages}`]);
    });
  });

  describe('an intelligence call-records product of 200 rows', () => {
    const content = callRecordProduct(200);
    let pdf: Buffer;
    let text: ExtractedText;
    let all: string;

    beforeAll(async () => {
      ({ pdf, text, body: all } = await render(content));
    });

    it('prints every row, each cell in its column, times in UTC and in the offset the CSP gave', () => {
      const timed = content.records.filter((r) => r.atUtc !== null);
      expect(timed.some((r) => r.sourceOffset === '+01:00') && timed.some((r) => r.sourceOffset === '+00:00')).toBe(true);
      const missing = timed.map(expectedCallRow).filter((row) => !all.includes(row));
      expect(missing).toEqual([]);
      const untimed = content.records.find((r) => r.atUtc === null) as ProductRecord;
      expect(all).toContain(`${untimed.rowNumber} ${untimed.identifier} ${untimed.otherParty} Not given`);
      for (const r of content.records) expect({ row: r.rowNumber, otherParty: all.includes(` ${r.otherParty} `) }).toEqual({ row: r.rowNumber, otherParty: true });
      expect(all).toContain('Call records: 200 rows');
      expect(all).toContain('Accepted by the SPOC although it failed a check: Outside the period asked for.');
      expect(all).toContain('Accepted by the SPOC although it failed a check: Time cannot be placed (clock change).');
    });

    it('repeats the table header on every page the table runs onto', () => {
      const header = 'Row Identifier Other party Time (UTC / source offset) Duration Type Direction Cell';
      const tablePages = text.pages.filter((p) => p.num > 1 && /\+447911123456/.test(p.text));
      expect(tablePages.length).toBeGreaterThanOrEqual(5);
      for (const page of tablePages) expect({ page: page.num, header: pageBody(page.text, content).includes(header) }).toEqual({ page: page.num, header: true });
    });

    it('opens with a summary page: the contacts ranked by events, counted from the rows, before the full tables', () => {
      const summary = pageBody(text.pages[0].text, content);
      expect(summary).toContain(SUMMARY_HEADING);
      expect(summary).toContain(`Calls and messages of ${FIXTURE_TARGETS.callDataRecord}`);
      const contacts = expectedContacts(content.records);
      const timed = content.records.filter((r) => r.atUtc !== null).map((r) => r.atUtc as string).sort();
      expect(summary).toContain(`200 events with ${contacts.length} contacts, from ${london(timed[0])} to ${london(timed[timed.length - 1])}.`);
      expect(summary).toContain('1 event has no time that can be placed and is not in the chart.');
      expect(summary).toContain(`The ${SUMMARY_CONTACTS} contacts with most events (of ${contacts.length})`);
      expect(summary).toContain(`Contact Events First seen Last seen ${contacts.slice(0, SUMMARY_CONTACTS).join(' ')} Activity`);
      expect(summary).not.toContain(SECTION_HEADINGS.data);
      expect(pageBody(text.pages[1].text, content).startsWith(SECTION_HEADINGS.authority)).toBe(true);
    });

    it("draws the activity chart with each London day's events by hour, counted from the rows", () => {
      const summary = pageBody(text.pages[0].text, content);
      const { days, allDays } = expectedChart(content.records);
      // The fixture crosses the change to BST: London days and hours are not UTC's.
      expect(days.some((d) => d.startsWith('Sun 29 Mar 2026'))).toBe(true);
      expect(summary).toContain(`Day (London) Hour of the day (London time) ${Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')).join(' ')} Total`);
      expect(summary).toContain(days.join(' '));
      expect(summary).toContain(allDays);
      // Vector graphics: shaded rectangles and grid lines, no image.
      const raw = pdf.toString('latin1');
      expect(raw).not.toMatch(/\/Subtype\s*\/Image/);
    });

    it('shows the handling caveat on the first page and says what is withheld, and never names the CSP', () => {
      const first = pageBody(text.pages[0].text, content);
      expect(first).toContain(`Handling: ${FIXTURE_CAVEATS.intelligence}`);
      expect(first).toContain("CSP names withheld. The SPOC's notes withheld.");
      const solid = all.toLowerCase().replace(/\s+/g, '');
      for (const csp of Object.values(FIXTURE_CSPS)) {
        for (const word of [csp.name, csp.file, csp.reference, csp.notes, csp.name.split(' ')[0] + csp.name.split(' ')[1]]) {
          expect({ word, found: solid.includes(word.toLowerCase().replace(/\s+/g, '')) }).toEqual({ word, found: false });
        }
      }
      expect(all).not.toContain('Communications service provider');
      expect(all).not.toMatch(/SPOC's notes (?!withheld)/);
    });

    it('has no exhibit and no continuity', () => {
      expect(all).not.toContain(SECTION_HEADINGS.continuity);
      expect(all).not.toContain('Exhibit');
      expect(all).not.toContain('Produced by');
    });

    it('gives the authority in words and nothing else of the application', () => {
      const authority = all.slice(all.indexOf(SECTION_HEADINGS.authority), all.indexOf(SECTION_HEADINGS.requests));
      expect(authority).toBe(
        `${SECTION_HEADINGS.authority} Authorised by OCDA, on behalf of the Investigatory Powers Commissioner (IPA s.60A) ` +
          "Authoriser's office OCDA authorising officer Decided at 30 Mar 2026 16:20 BST Valid from 30 Mar 2026 16:20 BST " +
          'Valid until 30 Apr 2026 23:59 BST Statutory purpose The applicable crime purpose ',
      );
    });

    it('describes each request and item: identifier as authorised, data type and period in words with the zone', () => {
      expect(all).toContain(
        'Request 1 Sent 31 Mar 2026 11:05 BST Returned 1 Apr 2026 15:10 BST Item 1 Identifier as authorised +447911123456 ' +
          'Identifier type Telephone number Data Call records (events data) ' +
          'Period Historic: from 20 Mar 2026 00:00 GMT to 1 Apr 2026 23:59 BST; time zone declared: Europe/London',
      );
    });

    it("lists every check of the SPOC's verification with its result, by whom and when", () => {
      expect(all).toContain(
        'Every return this product uses was checked against what was authorised (the identifier, the period, the data type and the time zone): each check was passed, or failed and was reviewed by a SPOC, as listed. PS Alex Checker issued the product at 1 Apr 2026 17:00 BST.',
      );
      expect(all).toContain(
        'Return Check Result Return 1 The identifier is the one asked for Passed Return 1 Within the period asked for Failed on 1 row, accepted by PS Alex Checker at 5 Mar 2026 17:00 GMT: Checked with the CSP: row 7 is genuine ' +
          'Return 1 Data of the type asked for Passed Return 1 An IP resolution gives the installation address Passed Return 1 No content of communications Passed ' +
          'Return 1 No more data than asked for Passed Return 1 Every time can be placed Failed on 1 row, accepted by PS Alex Checker at 5 Mar 2026 17:00 GMT: Checked with the CSP: row 19 is genuine ' +
          'Return 1 Arrived while the authorisation was in force Passed Return 1 Every part of the delivery arrived Passed',
      );
    });

    it('prints the caveats and the provenance, with the SHA-256 of each return whole on a line of its own', () => {
      expect(all).toContain(`${SECTION_HEADINGS.caveats} • Corroborate this data before any executive action.`);
      expect(all).toContain('Issued at 2 Apr 2026 10:30 BST Issued by DC Sam Spoc Product id 00000000-0000-4000-8000-000000009001 Product number 1');
      expect(all).not.toContain('Supersedes');
      const ret = content.requests[0].returns[0];
      expect(all).toContain(`Return 1: received 1 Apr 2026 15:10 BST, 200 rows SHA-256 ${ret.sha256}`);
      const hashLines = text.pages.flatMap((p) => lines(p.text)).filter((l) => l.startsWith('SHA-256 '));
      expect(hashLines).toEqual([`SHA-256 ${ret.sha256}`]);
    });

    it('prints no code and no ISO instant', () => {
      const found = CODES.filter((code) => new RegExp(`(?<![A-Za-z_])${code}(?![A-Za-z_])`).test(all));
      expect(found).toEqual([]);
      expect(ISO_INSTANT.exec(all)?.[0] ?? null).toBeNull();
    });

    it('is byte-identical when rendered again, whatever the clock says, and on a worker thread', async () => {
      expect((await renderProductPdf(structuredClone(content))).equals(pdf)).toBe(true);
      // Only Date is faked: a renderer that read the clock would print another year.
      jest.useFakeTimers({ now: new Date('2031-07-15T12:34:56Z'), doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
      try {
        expect(new Date().getUTCFullYear()).toBe(2031);
        expect((await renderProductPdf(content)).equals(pdf)).toBe(true);
      } finally {
        jest.useRealTimers();
      }
      const pool = createProductPdfPool({ maxThreads: 1 });
      try {
        const fromPool = await pool.render({ content });
        expect(fromPool.equals(pdf)).toBe(true);
        expect(pool.completed).toBe(1);
      } finally {
        await pool.close();
      }
    });

    it('writes the URN and product number as the title and the issue time as the creation date', () => {
      const raw = pdf.toString('latin1');
      expect(raw).toContain('(Communications data product TC/CD/2026/000123 \\(product 1\\))');
      expect(raw).toContain('(D:20260402093000Z)');
      expect(raw).not.toContain('PDFKit');
    });
  });

  describe('an evidential call-records product', () => {
    const content = callRecordProduct(30, { handling: 'evidential', supersedes: { productId: '00000000-0000-4000-8000-000000008001', productNumber: 1, reason: 'The CSP sent a corrected return' } });
    let text: ExtractedText;
    let all: string;

    beforeAll(async () => {
      ({ text, body: all } = await render(content));
    });

    it('is laid out as an exhibit: its reference and producer on the first page, and its continuity', () => {
      const first = pageBody(text.pages[0].text, content);
      expect(first).toContain('Exhibit SS/1 Produced by DC Sam Spoc');
      expect(first).not.toContain('Handling:');
      const ret = content.requests[0].returns[0];
      expect(all).toContain(
        `${SECTION_HEADINGS.continuity} Exhibit SS/1, produced by DC Sam Spoc. What When By Detail ` +
          'Requested 31 Mar 2026 11:05 BST DC Sam Spoc Request to Example Mobile Ltd sent ' +
          `Received 1 Apr 2026 15:10 BST DC Sam Spoc Return examplemobile-cdr-0001.csv received, SHA-256 ${ret.sha256} ` +
          'Checked 1 Apr 2026 17:00 BST PS Alex Checker Every check of every return reviewed ' +
          'Issued 2 Apr 2026 10:30 BST DC Sam Spoc Product issued to the applicant',
      );
    });

    it("names the CSP, its reference and the SPOC's notes, and the file of each return", () => {
      const csp = FIXTURE_CSPS.callDataRecord;
      expect(all).toContain(`Communications service provider ${csp.name} CSP's reference ${csp.reference} Sent`);
      expect(all).toContain(`SPOC's notes ${csp.notes}`);
      expect(all).toContain(`Return 1: ${csp.file}, received 1 Apr 2026 15:10 BST, 30 rows SHA-256 ${content.requests[0].returns[0].sha256}`);
    });

    it('says which product it supersedes and why', () => {
      expect(all).toContain('Product number 2 Supersedes Product 1 (00000000-0000-4000-8000-000000008001): The CSP sent a corrected return');
    });
  });

  describe('a subscriber product', () => {
    it('opens with one line per subscriber, and raises what was raised', async () => {
      const content = subscriberProduct();
      const { text, body: all } = await render(content);
      const first = pageBody(text.pages[0].text, content);
      expect(first).toContain(
        `${SUMMARY_HEADING} • +447700900321 was registered to Jane Example, 1 High Street, Anytown AT1 1AA (installation address), from 1 Nov 2025 00:00 GMT to 15 Mar 2026 12:00 GMT. ` +
          '• +447700900321 was registered to John Sample, 22 Low Road, Othertown OT2 2BB, from 15 Mar 2026 12:00 GMT onwards (no end given). 1. Authority',
      );
      expect(all).toContain('Data Subscriber details (entity data)');
      expect(all).toContain('Subscriber details: 2 rows');
      expect(all).toContain('Return 1 Every part of the delivery arrived Failed, raised as an error by PS Alex Checker at 5 Mar 2026 17:00 GMT: The CSP numbered its parts 1 and 3; raised as error ERR-2026-000042');
    });
  });

  describe('a product with every record type', () => {
    it('opens with the one-line answers and the call summary, then a table per record type', async () => {
      const content = mixedProduct(40);
      const { text, body: all } = await render(content);
      const first = pageBody(text.pages[0].text, content);
      expect(first).toContain('• 203.0.113.7 port 40000 at 1 Mar 2026 10:00 GMT was assigned to the subscriber Pat Example, 3 Mill Lane, Sometown ST3 3CC (installation address).');
      expect(first).toContain('+447700900321 was registered to Jane Example');
      expect(first).toContain(`Calls and messages of ${FIXTURE_TARGETS.callDataRecord}`);
      const callRecords = content.records.filter((r) => r.recordType === 'callDataRecord');
      expect(first).toContain(expectedChart(callRecords).allDays);
      const order = ['Subscriber details: 2 rows', 'Call records: 40 rows', 'IP address resolutions: 1 row'].map((heading) => all.indexOf(heading));
      expect(order.every((i, n) => i > 0 && (n === 0 || i > order[n - 1]))).toBe(true);
      expect(all).not.toContain('Rows are numbered return/row');
      expect(all).toContain('• An IP address resolution can be wrong');
      for (const ret of content.requests.flatMap((r) => r.returns)) expect(all).toContain(`SHA-256 ${ret.sha256}`);
    });
  });

  it('numbers rows return/row when a table holds the rows of more than one return', async () => {
    const base = callRecordProduct(10);
    const [request] = base.requests;
    const second = { ...request.returns[0], returnId: 'second-return', sha256: 'f'.repeat(64), rowCount: 5 };
    const content: ProductContent = {
      ...base,
      requests: [{ ...request, returns: [{ ...request.returns[0], rowCount: 5 }, second] }],
      records: base.records.map((r, i) => (i < 5 ? r : { ...r, returnId: second.returnId, rowNumber: i - 4 })),
    };
    const { body: all } = await render(content);
    expect(all).toContain('Call records: 10 rows Rows are numbered return/row, the returns as listed under Provenance.');
    expect(all).toContain(`1/5 ${FIXTURE_TARGETS.callDataRecord} ${base.records[4].otherParty}`);
    expect(all).toContain(`2/1 ${FIXTURE_TARGETS.callDataRecord} ${base.records[5].otherParty}`);
    expect(all).toContain(`Return 2: received 1 Apr 2026 15:10 BST, 5 rows SHA-256 ${'f'.repeat(64)}`);
    // Both returns' rows are the same identifier's calls: one summary of all ten.
    expect(all).toContain('10 events with');
  });

  it(`draws at most ${MAX_CHART_DAYS} days of activity and says how many more days the tables hold`, async () => {
    const base = callRecordProduct(60);
    const records = base.records.map((r, i) => ({ ...r, atUtc: new Date(Date.UTC(2026, 0, 1 + i, 12)).toISOString(), sourceOffset: '+00:00' }));
    const { text } = await render({ ...base, records });
    const summary = pageBody(text.pages[0].text, base);
    expect(summary).toContain('Thu 1 Jan 2026 ');
    expect(summary).toContain('Sat 31 Jan 2026 ');
    expect(summary).not.toContain('Sun 1 Feb 2026 ');
    expect(summary).toContain(`The chart shows ${MAX_CHART_DAYS} days. 29 more events on 29 more days are in the table of call records.`);
    expect(pageBody(text.pages[1].text, base).startsWith(SECTION_HEADINGS.authority)).toBe(true);
  });

  describe('what is withheld, and what is not recorded', () => {
    it('leaves out only the SPOC notes when only they are withheld, and says a CSP not recorded is not recorded', async () => {
      const notesOnly = await render(callRecordProduct(3, { withheld: ['spocNotes'] }));
      expect(notesOnly.body).toContain(`Communications service provider ${FIXTURE_CSPS.callDataRecord.name}`);
      expect(notesOnly.body).toContain('SPOC\'s notes withheld');
      expect(notesOnly.body).not.toContain(FIXTURE_CSPS.callDataRecord.notes);
      const base = callRecordProduct(3, { withheld: [] });
      const unknown: ProductContent = { ...base, requests: base.requests.map((r) => ({ ...r, cspName: null })) };
      expect((await render(unknown)).body).toContain('Communications service provider Not recorded');
    });
  });

  describe('the words for codes', () => {
    it.each([
      ['dso61', 'A designated senior officer (IPA s.61)'],
      ['dso61A', 'A designated senior officer, urgently (IPA s.61A)'],
      ['ripa22', 'A designated person under RIPA 2000 s.22'],
    ] as const)('prints the route %s as "%s"', async (route, words) => {
      const base = ipResolutionProduct({ checkCodes: [] });
      const { body: all } = await render({ ...base, authorisation: { ...base.authorisation, route } });
      expect(all).toContain(`Authorised by ${words} Authoriser's office`);
    });

    it('spells out a check code it has no words for, and says what is not recorded', async () => {
      const base = ipResolutionProduct({ checkCodes: [] });
      const content: ProductContent = {
        ...base,
        authorisation: { route: null, authoriserOffice: null, decidedAt: null, validFrom: null, validUntil: null, statutoryPurpose: null },
        verification: { ...base.verification, checks: [{ returnId: base.requests[0].returns[0].returnId, code: 'NEW_FUTURE_CHECK', result: 'passed', rowCount: 0, reason: null, reviewedBy: null, reviewedAt: null }] },
        caveats: [],
      };
      const { body: all } = await render(content);
      expect(all).toContain('Return 1 New future check Passed');
      expect(all).toContain("Authorised by Not recorded Authoriser's office Not recorded Decided at Not recorded");
      expect(all).toContain(`${SECTION_HEADINGS.caveats} None.`);
    });
  });

  it('refuses content of a version it does not know', async () => {
    const content = { ...ipResolutionProduct(), contentVersion: 2 } as unknown as ProductContent;
    await expect(renderProductPdf(content)).rejects.toThrow(RangeError);
  });
});

describe('checkResultWords', () => {
  const check = { returnId: 'r', code: 'OUTSIDE_PERIOD', reviewedBy: null, reviewedAt: null };
  const reviewed = { reviewedBy: { id: 'u', displayName: 'Pat Spoc' }, reviewedAt: '2026-07-01T10:00:00.000Z' };
  it.each([
    [{ ...check, result: 'passed' as const, rowCount: 0, reason: null }, 'Passed'],
    [{ ...check, ...reviewed, result: 'accepted' as const, rowCount: 1, reason: 'Genuine' }, 'Failed on 1 row, accepted by Pat Spoc at 1 Jul 2026 11:00 BST: Genuine'],
    [{ ...check, result: 'accepted' as const, rowCount: 3, reason: null }, 'Failed on 3 rows, accepted: no reason recorded'],
    [{ ...check, result: 'accepted' as const, rowCount: 0, reason: 'Part 2 came later' }, 'Failed, accepted: Part 2 came later'],
    [{ ...check, result: 'raisedAsError' as const, rowCount: 0, reason: 'Parts missing' }, 'Failed, raised as an error: Parts missing'],
    [{ ...check, result: 'raisedAsError' as const, rowCount: 2, reason: 'Wrong number' }, 'Failed on 2 rows, raised as an error: Wrong number'],
  ])('%o reads "%s"', (result, words) => {
    expect(checkResultWords(result)).toBe(words);
  });
});
