import type { CspEntity } from './csp.entity';
import type { Csp } from './csp.types';

/** A CSP as the API answers it and as other parts of the service read it: plain data, instants as ISO strings. */
export function toCsp(row: CspEntity): Csp {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    etsiEndpointId: row.etsiEndpointId,
    dataTypes: [...row.dataTypes],
    identifierKinds: [...row.identifierKinds],
    returnFormats: [...row.returnFormats],
    fileTimeZone: row.fileTimeZone,
    timePrecisionSeconds: row.timePrecisionSeconds,
    ipResolutionAddress: row.ipResolutionAddress,
    portalOnly: row.portalOnly,
    active: row.active,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A page of `GET /csps`. */
export interface CspPageView {
  items: Csp[];
  page: number;
  pageSize: number;
  total: number;
}
