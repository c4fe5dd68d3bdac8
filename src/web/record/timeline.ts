import type { ApplicationHistoryItem } from '../../applications/public-api';
import { APPLICATION_FORM_FIELD_LABELS } from '../../workflow/application-form.labels';

/** One entry of the history as the MoJ timeline shows it (src/web/views/partials/timeline.njk). */
export interface TimelineEntry {
  what: string;
  at: string;
  by: string;
  /** What the row changed, in words: the form's questions by their labels, never field codes. */
  changed: string | null;
  notes: { label: string; text: string }[];
  blanked: boolean;
}

const fieldInWords = (field: string): string => (APPLICATION_FORM_FIELD_LABELS as Record<string, string>)[field] ?? field;

/** The history newest first, for a person: who, what, when, why (issue 19, item 5). */
export function timelineOf(items: readonly ApplicationHistoryItem[]): TimelineEntry[] {
  return [...items].reverse().map((item) => {
    const fields = item.changes.fields.map(fieldInWords);
    const verb = item.kind === 'created' || item.kind === 'imported' ? 'Answered' : 'Changed';
    return {
      what: item.what,
      at: item.at,
      by: [item.actor.displayName ?? 'The service', item.actor.roleLabel].filter(Boolean).join(', '),
      changed: fields.length ? `${verb}: ${fields.join('; ')}.` : null,
      notes: item.changes.notes,
      blanked: item.payloadBlankedBy !== null,
    };
  });
}
