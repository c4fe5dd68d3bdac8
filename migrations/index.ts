import type { MigrationInterface } from 'typeorm';
import { Foundation1763870000000 } from './1763870000000-foundation';
import { Applications1763900000000 } from './1763900000000-applications';
import { Deadlines1763910000000 } from './1763910000000-deadlines';
import { Errors1763920000000 } from './1763920000000-errors';
import { DeadlineIndexes1763930000000 } from './1763930000000-deadline-indexes';
import { AuthorisationSubmissions1763940000000 } from './1763940000000-authorisation-submissions';
import { RipaRecords1763950000000 } from './1763950000000-ripa-records';
import { ErrorIpcExchange1763960000000 } from './1763960000000-error-ipc-exchange';
import { CspDirectory1763970000000 } from './1763970000000-csp-directory';
import { DisclosureRequests1763980000000 } from './1763980000000-disclosure-requests';
import { DisclosureReturns1763990000000 } from './1763990000000-disclosure-returns';
import { CspZonePrecision1764000000000 } from './1764000000000-csp-zone-precision';
import { IdentifierWindows1764010000000 } from './1764010000000-identifier-windows';
import { Products1764020000000 } from './1764020000000-products';
import { Statistics1764030000000 } from './1764030000000-statistics';
import { StatisticsCoveringIndexes1764040000000 } from './1764040000000-statistics-covering-indexes';
import { Sessions1764050000000 } from './1764050000000-sessions';
import { LoginThrottle1764060000000 } from './1764060000000-login-throttle';
import { HistoryNoTruncate1764070000000 } from './1764070000000-history-no-truncate';
import { RetentionDecisions1764080000000 } from './1764080000000-retention-decisions';
import { RowDigests1764090000000 } from './1764090000000-row-digests';
import { Checkpoints1764100000000 } from './1764100000000-checkpoints';
import { SecurityAudit1764110000000 } from './1764110000000-security-audit';
import { ReverseAudits1764120000000 } from './1764120000000-reverse-audits';
import { InspectionGrants1764130000000 } from './1764130000000-inspection-grants';

/** The ordered list of migrations: explicit, so a build never depends on a glob over dist/. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [Foundation1763870000000, Applications1763900000000, Deadlines1763910000000, Errors1763920000000, DeadlineIndexes1763930000000, AuthorisationSubmissions1763940000000, RipaRecords1763950000000, ErrorIpcExchange1763960000000, CspDirectory1763970000000, DisclosureRequests1763980000000, DisclosureReturns1763990000000, CspZonePrecision1764000000000, IdentifierWindows1764010000000, Products1764020000000, Statistics1764030000000, StatisticsCoveringIndexes1764040000000, Sessions1764050000000, LoginThrottle1764060000000, HistoryNoTruncate1764070000000, RetentionDecisions1764080000000, RowDigests1764090000000, Checkpoints1764100000000, SecurityAudit1764110000000, ReverseAudits1764120000000, InspectionGrants1764130000000];
