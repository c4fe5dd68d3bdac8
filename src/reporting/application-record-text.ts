/**
 * How the record PDF's sections say things: numbered headings, values or "Not recorded", instants as
 * London times, people by name and role. Shared by the section renderers (application-record*.pdf.ts);
 * pure, as the worker loads it.
 */
import type { PersonRef } from '../common/person-ref';
import type { PdfWriter } from '../pdf/pdf-writer';
import { londonTime, yesNo } from '../pdf/plain-english';
import { NOT_RECORDED } from './application-record.view';

/** Non-blank text, or null. */
export function given(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** A label and its value, or "Not recorded" in grey. */
export function field(w: PdfWriter, label: string, value: string | null | undefined): void {
  const text = given(value);
  w.field(label, text ?? NOT_RECORDED, { mutedValue: text === null });
}

/** A label and an instant as a London time with its zone, or "Not recorded". */
export function instantField(w: PdfWriter, label: string, value: string | null | undefined): void {
  field(w, label, instant(value));
}

export function instant(value: string | null | undefined): string | null {
  const text = given(value);
  return text === null ? null : londonTime(text);
}

/** An ISO instant with its offset inside free text (a check's detail names the times it compared). */
const ISO_INSTANT_IN_TEXT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** Text the service wrote, with every ISO instant in it as a London time with its zone. */
export function timesInWords(text: string): string {
  return text.replace(ISO_INSTANT_IN_TEXT, (iso) => londonTime(iso));
}

/** Yes/No, or "Not recorded" for a question left unanswered. */
export function flag(value: boolean | null | undefined): string | null {
  return typeof value === 'boolean' ? yesNo(value) : null;
}

/** A person by name and the role they acted in: "Pat Spoc (SPOC)". */
export function person(ref: PersonRef): string {
  const name = ref.displayName ?? 'A person not named';
  return ref.roleLabel === null ? name : `${name} (${ref.roleLabel})`;
}

/** A muted line saying there is nothing to show. */
export function none(w: PdfWriter, text: string): void {
  w.paragraph(text, { muted: true, size: 9.5 });
}

/** A bold line that opens a block inside a section (an offence, a request, a return). */
export function subheading(w: PdfWriter, text: string): void {
  w.moveDown(0.3);
  w.ensureSpace(40);
  w.paragraph(text, { font: 'bold', size: 10 });
  w.moveDown(0.15);
}

/** The document's sections, numbered in the order they are written. */
export class Sections {
  private count = 0;

  constructor(private readonly w: PdfWriter) {}

  heading(title: string): void {
    this.count += 1;
    this.w.heading(`${this.count}. ${title}`);
  }
}
