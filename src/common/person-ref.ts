import { SENDER_LABELS } from '../workflow/core/labels';
import type { EventSender } from '../workflow/roles';

/**
 * A person as a record shows them (docs/architecture.md §8): who, by name, and the role they acted in.
 * Records keep person ids; names are looked up when a record is read, so a renamed user reads under
 * their current name.
 */
export interface PersonRef {
  /** The user id; null for someone who is not a user here (an OCDA officer whose decision a SPOC recorded). */
  id: string | null;
  /** Null only for an id no user has (which the services never write). */
  displayName: string | null;
  role: EventSender | null;
  /** The role in words. */
  roleLabel: string | null;
}

/** Names by person id, as {@link People.displayNames} returns them. */
export type DisplayNames = ReadonlyMap<string, string>;

/** The person `id` acting as `role`, named from `names` (or by `fallbackName` when not a user here). */
export function personRef(id: string | null, role: EventSender | null, names: DisplayNames, fallbackName: string | null = null): PersonRef {
  return {
    id,
    displayName: (id === null ? null : names.get(id)) ?? fallbackName,
    role,
    roleLabel: role === null ? null : SENDER_LABELS[role],
  };
}
