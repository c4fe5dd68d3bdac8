import 'reflect-metadata';
import { ApplicationEntity } from './applications/application.entity';
import { APPLICATION_ROW } from './applications/application-row-digest';
import { verifyArchive, type RowCheck } from './database/checkpoints/verify-archive-cli';
import { DisclosureRequestEntity } from './disclosures/requests/disclosure-request.entity';
import { DISCLOSURE_REQUEST_ROW } from './disclosures/requests/disclosure-request-row-digest';
import { CdErrorEntity } from './errors/cd-error.entity';
import { CD_ERROR_ROW } from './errors/cd-error-row-digest';
import { applicationEngine } from './workflow/application.engine';
import { cdErrorEngine } from './workflow/cd-error.engine';
import { replayFinding } from './workflow/core/replay';
import { disclosureRequestEngine } from './workflow/disclosure-request.engine';

/**
 * `npm run verify-archive` (docs/operations.md "An inspector's check of an archive"): the database layer's offline
 * check, given each feature's record and the projection its history commits to (issue 21, item 1), so the archive
 * tool names a record edited behind its chain's back as `GET …/history/verify` does. Composed here, at the top, as
 * src/app.module.ts composes the service: src/database imports no feature.
 */
const ROW_CHECKS: readonly RowCheck[] = [
  { table: 'application_event', entity: ApplicationEntity, projection: APPLICATION_ROW, replay: (row) => replayFinding(applicationEngine, row) },
  { table: 'cd_error_event', entity: CdErrorEntity, projection: CD_ERROR_ROW, replay: (row) => replayFinding(cdErrorEngine, row) },
  { table: 'disclosure_request_event', entity: DisclosureRequestEntity, projection: DISCLOSURE_REQUEST_ROW, replay: (row) => replayFinding(disclosureRequestEngine, row) },
];

// The findings are the tool's output, on stdout, one line each.
verifyArchive(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`), ROW_CHECKS).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`The archive could not be checked: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
