/**
 * What every aggregate's history view shares (docs/architecture.md §8, §11): reading a stored row's JSON,
 * the notes and changed fields a row shows, the one-line summary's wording, and the item's common fields —
 * the stored columns plus the actor by name and the statuses in words. Each aggregate supplies what only
 * it knows (its event words, its notes, the role a person acted in). Pure: the rows and names are loaded
 * by the service.
 */
import type { PersonRef } from '../common/person-ref';
import type { HistoryKind, HistoryRow } from './hash-chain';
import type { ContentDeletedPayload } from './retention-deletion';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const objectOr = (value: unknown): Json => (isObject(value) ? value : {});
/** Non-blank text, else null. */
export const textOf = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
/** True when `value` is one of `list` (a state, an event type, a kind). */
export const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

/** The row's payload as stored; null once blanked under a retention decision. */
export const payloadOf = (row: HistoryRow<string>): Json | null => (row.payload === null ? null : objectOr(JSON.parse(row.payload)));

/** Something a person wrote or decided for the record, under what it is ("Reason", "Question", "Kind"). */
export interface HistoryNote {
  label: string;
  text: string;
}

/** What one history row changed. */
export interface HistoryChanges {
  /** Fields written (creation and events: those given; an edit: those changed). */
  fields: string[];
  /** What the person wrote, in full. */
  notes: HistoryNote[];
}

/** A note when `value` is non-blank text. */
export const note = (label: string, value: unknown): HistoryNote[] => {
  const text = textOf(value);
  return text === null ? [] : [{ label, text }];
};

/** How much of a note a one-line summary quotes; the note itself is always in full. */
const SUMMARY_QUOTE = 200;

/** The text as the end of a sentence: at most {@link SUMMARY_QUOTE} characters, ending in a stop. */
export function quote(text: string): string {
  const short = text.length <= SUMMARY_QUOTE ? text.trim() : `${text.slice(0, SUMMARY_QUOTE - 1).trim()}…`;
  return /[.!?…]$/.test(short) ? short : `${short}.`;
}

/** "1 field (name)" or "3 fields (a, b, c)". */
export const fieldList = (fields: readonly string[]): string =>
  fields.length === 1 ? `1 field (${fields[0]})` : `${fields.length} fields (${fields.join(', ')})`;

/** A history row as a history endpoint answers it: the stored columns, named and put into words. */
export interface HistoryViewItem<E extends string, K extends string = HistoryKind> {
  seq: number;
  position: number;
  kind: K;
  eventType: E | null;
  /** What happened, in words. */
  what: string;
  fromState: string | null;
  toState: string;
  fromStateLabel: string | null;
  toStateLabel: string;
  at: string;
  actorId: string;
  actorRoles: string[];
  deciderId: string | null;
  actor: PersonRef;
  changes: HistoryChanges;
  /** One line a person reads: what happened and what it changed. */
  summary: string;
  machineVersion: string;
  payloadDigest: string;
  payloadBlankedBy: string | null;
  prevHash: string;
  hash: string;
}

/** What an aggregate's view adds to a stored row. */
export interface HistoryViewParts<E extends string> {
  eventType: E | null;
  what: string;
  actor: PersonRef;
  changes: HistoryChanges;
  summary: string;
  /** A state in words; a state this code does not know (a later machine version) stays as its code. */
  stateLabel: (state: string) => string;
}

/**
 * The deletion a row records when it is the one a retention decision's deletion appended
 * (src/database/retention-deletion.ts); null for any other row.
 */
export function contentDeletionOf(row: HistoryRow<string>): ContentDeletedPayload | null {
  if (row.kind !== 'edited') return null;
  const payload = payloadOf(row);
  const decision = textOf(payload?.retentionDecisionId);
  const fields = payload?.deletedFields;
  if (decision === null || !Array.isArray(fields)) return null;
  return { retentionDecisionId: decision, deletedFields: fields.filter((field): field is string => typeof field === 'string') };
}

/** A field's name as a sentence reads it: `spocSection` → "spoc section". */
const inWords = (field: string): string => field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/**
 * A stored row as a history endpoint answers it. Every aggregate's content deletion reads the same way, whatever
 * the aggregate's own words for an edit would be.
 */
export function historyViewItem<E extends string, K extends string = HistoryKind>(row: HistoryRow<K>, parts: HistoryViewParts<E>): HistoryViewItem<E, K> {
  const deletion = contentDeletionOf(row);
  const { eventType, actor, stateLabel } = parts;
  const { what, changes, summary } =
    deletion === null
      ? parts
      : {
          what: 'Content deleted under a retention decision',
          changes: { fields: deletion.deletedFields, notes: [] },
          summary: `Content deleted under retention decision ${deletion.retentionDecisionId}: ${deletion.deletedFields.map(inWords).join(', ')}.`,
        };
  return {
    seq: row.seq,
    position: row.position,
    kind: row.kind,
    eventType,
    what,
    fromState: row.fromState,
    toState: row.toState,
    fromStateLabel: row.fromState === null ? null : stateLabel(row.fromState),
    toStateLabel: stateLabel(row.toState),
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorRoles: [...row.actorRoles],
    deciderId: row.deciderId,
    actor,
    changes,
    summary,
    machineVersion: row.machineVersion,
    payloadDigest: row.payloadDigest,
    payloadBlankedBy: row.payloadBlankedBy,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
