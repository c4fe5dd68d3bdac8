/**
 * System roles (docs/law.md §1, "Actors and their duties"). A user may hold several; every workflow
 * rule says which role an event is sent in, and separation-of-duties rules look at person ids.
 */
export const ROLES = ['applicant', 'spoc', 'dso', 'sro', 'admin', 'ocda', 'jc', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

/** Kinds of public authority (docs/architecture.md §6 `authority.type`; docs/law.md §1 NAFN, OCDA, JC). */
export const AUTHORITY_TYPES = [
  'police',
  'localAuthority',
  'nafn',
  'ocda',
  'judicialOffice',
  'other',
] as const;
export type AuthorityType = (typeof AUTHORITY_TYPES)[number];

/**
 * Pseudo-role of the deadline scheduler (docs/architecture.md §7: deadlines are columns driven by a scheduler).
 * Never in {@link ROLES}, so no user can hold it; only the scheduler's actor facts carry it.
 */
export const SYSTEM_SENDER = 'system' as const;

/** Who may send a workflow event: a user's role, or the scheduler. */
export type EventSender = Role | typeof SYSTEM_SENDER;
