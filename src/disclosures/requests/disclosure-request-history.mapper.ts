import { personRef, type DisplayNames } from '../../common/person-ref';
import type { HistoryRow } from '../../database/hash-chain';
import { historyViewItem, isOneOf, note, objectOr, payloadOf, quote, type HistoryNote, type HistoryViewItem } from '../../database/history-view';
import { DISCLOSURE_REQUEST_EVENT_LABELS, DISCLOSURE_REQUEST_RECORD_CHANGE_LABELS, DISCLOSURE_REQUEST_STATE_LABELS } from '../../workflow/disclosure-request.labels';
import { DISCLOSURE_REQUEST_EVENT_RULES } from '../../workflow/disclosure-request.policy';
import { DISCLOSURE_REQUEST_EVENT_TYPES, DISCLOSURE_REQUEST_STATES, type DisclosureRequestEventType } from '../../workflow/disclosure-request.types';
import { SYSTEM_SENDER, type EventSender } from '../../workflow/roles';

/**
 * A disclosure request's history as people read it (docs/architecture.md §8, §11): who acted, by name and
 * role, what happened and what they wrote, from the stored rows, which stay as they are.
 */
export function toDisclosureRequestHistory(rows: readonly HistoryRow[], names: DisplayNames): { items: HistoryViewItem<DisclosureRequestEventType>[] } {
  return {
    items: rows.map((row) => {
      const eventType = isOneOf(DISCLOSURE_REQUEST_EVENT_TYPES, row.eventType) ? row.eventType : null;
      const payload = payloadOf(row);
      const what = eventType !== null ? DISCLOSURE_REQUEST_EVENT_LABELS[eventType] : row.kind === 'created' ? DISCLOSURE_REQUEST_RECORD_CHANGE_LABELS.created : (row.eventType ?? row.kind);
      const notes: HistoryNote[] = payload === null ? [] : [
        ...note("CSP's reference", payload.cspReference),
        ...note("CSP's statement", payload.cspStatement),
        ...note("CSP's reason", payload.cspReason),
        ...note('Reason', payload.reason),
      ];
      const items = Array.isArray(objectOr(payload).items) ? (payload?.items as unknown[]).length : 0;
      const parts = [`${what}.`];
      if (payload === null) parts.push('Its content has been removed under a retention decision.');
      if (row.kind === 'created' && items > 0) parts.push(`${items} data item${items === 1 ? '' : 's'}.`);
      for (const { label, text } of notes) parts.push(`${label}: ${quote(text)}`);
      return historyViewItem(row, {
        eventType,
        what,
        actor: personRef(row.actorId, actingRole(row, eventType), names),
        changes: { fields: [], notes },
        summary: parts.join(' '),
        stateLabel: (state) => (isOneOf(DISCLOSURE_REQUEST_STATES, state) ? DISCLOSURE_REQUEST_STATE_LABELS[state] : state),
      });
    }),
  };
}

/** The role the person acted in: the system for the application's end, else the first role the policy lets send it. */
function actingRole(row: HistoryRow, eventType: DisclosureRequestEventType | null): EventSender | null {
  const held = row.actorRoles as EventSender[];
  if (held.includes(SYSTEM_SENDER)) return SYSTEM_SENDER;
  const may: readonly EventSender[] = eventType === null ? ['spoc'] : DISCLOSURE_REQUEST_EVENT_RULES[eventType].roles;
  return may.find((role) => held.includes(role)) ?? held[0] ?? null;
}
