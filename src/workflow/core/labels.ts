/**
 * Who sends workflow events, in words, for what a person reads (history and conversation views of every
 * aggregate; docs/architecture.md §8). A `Record` over every sender, so a new role fails to compile until
 * it has words here. Pure data.
 */
import type { EventSender } from '../roles';

export const SENDER_LABELS: Readonly<Record<EventSender, string>> = Object.freeze({
  applicant: 'Applicant',
  spoc: 'SPOC',
  dso: 'Designated senior officer',
  sro: 'Senior responsible officer',
  admin: 'Administrator',
  ocda: 'OCDA authorising officer',
  jc: 'Judicial Commissioner',
  inspector: 'Inspector',
  system: 'The system',
});
