/**
 * The first page of a product that is about to be issued, as HTML (issue 20: "preview its first page before
 * issuing"). It is built from the very content the issue would freeze (ProductsService.preview runs the issue's
 * own decision and content builder) and in the PDF's own words (product.pdf.ts: the title line, the exhibit's
 * label or the handling box, then "Read at a glance" from summariseProduct). The PDF itself is not shown: it is
 * rendered only when the product is issued (docs/products.md §1), a preview PDF would be a copy of the data that
 * the dissemination log never sees, and nothing on this machine turns a PDF page into an image.
 */
import { CONTACT_COLUMNS, PRODUCT_TITLE, SUMMARY_CONTACTS, SUMMARY_HEADING, summariseProduct, WITHHELD_LABELS, type ProductContent } from '../../products/public-api';
import { PRODUCT_HANDLING_LABELS, PRODUCT_KIND_LABELS } from '../../workflow/product.labels';
import { londonTime } from '../view-filters';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** What the first page says, top to bottom. */
export function firstPage(content: ProductContent) {
  const { answers, callRecords } = summariseProduct(content);
  return {
    marking: content.marking,
    caveat: content.handlingCaveat,
    title: PRODUCT_TITLE,
    subtitle: `${PRODUCT_KIND_LABELS[content.kind]} ${content.productNumber}. ${PRODUCT_HANDLING_LABELS[content.handling]}. URN ${content.urn}. ${content.authorityName}.`,
    exhibit: content.exhibit ? { reference: content.exhibit.reference, producer: content.exhibit.producer.displayName } : null,
    withheld: content.withheld.length === 0 ? 'Nothing is withheld from this product.' : `${content.withheld.map((f) => WITHHELD_LABELS[f]).join('. ')}.`,
    summaryHeading: SUMMARY_HEADING,
    answers: answers.flatMap((answer) => answer.lines.map((line) => `${line}.`)),
    callRecords: callRecords.map((calls) => ({
      heading: `Calls and messages of ${calls.identifier}`,
      overview:
        `${plural(calls.events, 'event', 'events')} with ${plural(calls.contacts.length, 'contact', 'contacts')}` +
        (calls.firstEvent && calls.lastEvent ? `, from ${londonTime(calls.firstEvent)} to ${londonTime(calls.lastEvent)}.` : '.'),
      contactColumns: CONTACT_COLUMNS,
      contacts: calls.contacts.slice(0, SUMMARY_CONTACTS).map((c) => ({
        contact: c.contact,
        events: String(c.events),
        firstSeen: c.firstSeen === null ? 'No time given' : londonTime(c.firstSeen),
        lastSeen: c.lastSeen === null ? 'No time given' : londonTime(c.lastSeen),
      })),
      more: calls.contacts.length > SUMMARY_CONTACTS ? `The ${SUMMARY_CONTACTS} contacts with most events (of ${calls.contacts.length}) are shown.` : null,
    })),
    rowCount: content.records.length,
  };
}
