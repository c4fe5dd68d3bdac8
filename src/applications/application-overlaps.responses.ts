import { ApiProperty } from '@nestjs/swagger';
import { APPLICATION_STATES, IDENTIFIER_TYPES, type ApplicationState, type IdentifierType } from '../workflow/application.types';
import { DISCLOSURE_REQUEST_STATES, type DisclosureRequestState } from '../workflow/disclosure-request.types';
import type { ApplicationOverlap as ApplicationOverlapShape } from './application-overlaps';

/*
 * What `GET /applications/:id/overlaps` answers (docs/architecture.md §8), for the OpenAPI document and the
 * clients generated from it; mirrors application-overlaps.ts.
 */

const OVERLAP_KINDS = ['application', 'disclosureRequest'] as const;
/** An application's states and a request's, each once (`cancelled` is both). */
const OVERLAP_STATUSES = [...new Set<string>([...APPLICATION_STATES, ...DISCLOSURE_REQUEST_STATES])];

/** An identifier as the index compares it. */
export class OverlapIdentifier {
  @ApiProperty({ enum: IDENTIFIER_TYPES }) type!: IdentifierType;
  @ApiProperty({ description: 'the canonical form: the same number written differently compares equal', example: '+447700900123' })
  normalisedValue!: string;
}

/** A period as UTC instants, both ends included. */
export class OverlapWindow {
  @ApiProperty({ format: 'date-time', example: '2026-03-01T00:00:00.000Z' }) start!: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T00:00:00.000Z' }) end!: string;
}

/** Another application, or a request under another application, that seeks the same identifier over an overlapping window. */
export class ApplicationOverlap implements Partial<ApplicationOverlapShape> {
  @ApiProperty({ enum: OVERLAP_KINDS }) kind!: 'application' | 'disclosureRequest';
  @ApiProperty({ format: 'uuid', description: 'the application’s id, or the request’s' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'the application (for a request: the one it was made under)' }) applicationId!: string;
  @ApiProperty({ example: 'TVP/2026/000042', description: 'the application’s URN' }) urn!: string;
  @ApiProperty({ enum: OVERLAP_STATUSES, description: 'the application’s status, or the request’s' }) status!: ApplicationState | DisclosureRequestState;
  @ApiProperty({ description: 'the status in words' }) statusLabel!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the CSP a request asks; null for an application' }) cspName!: string | null;
  @ApiProperty({ type: () => OverlapIdentifier }) identifier!: OverlapIdentifier;
  @ApiProperty({ type: () => OverlapWindow, description: 'its windows for the identifier that overlap this application’s: the earliest start and the latest end' })
  window!: OverlapWindow;
  @ApiProperty({ type: () => OverlapWindow, description: 'this application’s windows for the identifier that it overlaps: the earliest start and the latest end' })
  ownWindow!: OverlapWindow;
  @ApiProperty({ type: [String], description: 'its data items whose windows overlap (a request’s: the application’s items it asks for)' })
  dataItemRefs!: string[];
  @ApiProperty({ type: [String], description: 'this application’s data items whose windows they overlap' }) ownDataItemRefs!: string[];
}

/** `GET /applications/:id/overlaps`: by window start, then id (not paged). */
export class ApplicationOverlapList {
  @ApiProperty({ type: [ApplicationOverlap] }) items!: ApplicationOverlap[];
}
