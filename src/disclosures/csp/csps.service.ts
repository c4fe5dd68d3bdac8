import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../auth/principal';
import { CLOCK } from '../../clock.provider';
import { UnitOfWork } from '../../database/unit-of-work';
import { DomainException, NotFoundDomainException, type FieldError } from '../../http/domain-exception';
import type { IfMatch } from '../../http/if-match';
import type { Clock } from '../../workflow/clock';
import type { CreateCspDto, ListCspsQuery, PatchCspDto } from './csp.dto';
import { CspEntity } from './csp.entity';
import { toCsp, type CspPageView } from './csp.mapper';
import {
  CSP_DATA_TYPES,
  CSP_IDENTIFIER_KINDS,
  inVocabularyOrder,
  IP_RESOLUTION_DATA_TYPE,
  RETURN_FORMATS,
  TIME_PRECISION_SECONDS_DEFAULT,
  type Csp,
  type CspDataType,
  type IpResolutionAddress,
  type ReturnFormat,
} from './csp.types';
import { cspDuplicate, cspStale, CspsRepository } from './csps.repository';

/** What a CSP says about itself, whichever way it was written (created, or patched over what it was). */
interface CspFacts {
  etsiEndpointId: string | null;
  dataTypes: readonly CspDataType[];
  returnFormats: readonly ReturnFormat[];
  ipResolutionAddress: IpResolutionAddress | null;
  portalOnly: boolean;
}

/**
 * What must hold between a CSP's fields, each failure naming the field to correct: a CSP with an ETSI
 * interface has an endpoint identifier and a portal-only one has none (nor ETSI returns); a CSP that
 * resolves IP addresses says which address it gives, and one that does not gives none.
 */
export function cspConsistencyErrors(csp: CspFacts): FieldError[] {
  const errors: FieldError[] = [];
  if (csp.portalOnly && csp.etsiEndpointId !== null) {
    errors.push({ field: 'etsiEndpointId', code: 'nullWhenPortalOnly', message: 'a portal-only CSP has no ETSI interface, so no endpoint identifier: send null' });
  }
  if (!csp.portalOnly && csp.etsiEndpointId === null) {
    errors.push({ field: 'etsiEndpointId', code: 'requiredUnlessPortalOnly', message: 'a CSP with an ETSI interface needs its endpoint identifier (or set portalOnly)' });
  }
  if (csp.portalOnly && csp.returnFormats.includes('etsiHi1')) {
    errors.push({ field: 'returnFormats', code: 'noEtsiWhenPortalOnly', message: 'a portal-only CSP cannot return results over ETSI HI-1' });
  }
  const resolvesIp = csp.dataTypes.includes(IP_RESOLUTION_DATA_TYPE);
  if (resolvesIp && csp.ipResolutionAddress === null) {
    errors.push({ field: 'ipResolutionAddress', code: 'requiredForIpResolution', message: 'say which address its IP resolutions give: installation or billing' });
  }
  if (!resolvesIp && csp.ipResolutionAddress !== null) {
    errors.push({ field: 'ipResolutionAddress', code: 'nullWithoutIpResolution', message: `only a CSP whose dataTypes include ${IP_RESOLUTION_DATA_TYPE} gives an IP resolution address` });
  }
  return errors;
}

function refuseInconsistent(csp: CspFacts): void {
  const errors = cspConsistencyErrors(csp);
  if (errors.length > 0) {
    throw new DomainException('VALIDATION_FAILED', `The CSP's fields disagree: ${[...new Set(errors.map((e) => e.field))].join(', ')}.`, { errors });
  }
}

const isAdmin = (principal: Principal): boolean => principal.roles.includes('admin');

/**
 * The national directory of CSPs. SPOCs, SROs and administrators read it (SPOCs and SROs see active CSPs
 * only); administrators create and change entries, with `If-Match` on every change, and deactivate rather
 * than delete. Other parts of the service look CSPs up through `findById`, `findByIds` and
 * `findByEtsiEndpointId`, inside their own unit of work.
 */
@Injectable()
export class CspsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: CspsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A CSP by id, active or not; null when there is none. In the caller's transaction. */
  async findById(manager: EntityManager, id: string): Promise<Csp | null> {
    const row = await this.repo.findById(manager, id);
    return row ? toCsp(row) : null;
  }

  /** The CSPs among `ids`, active or not, by id (ids with no CSP are absent). In the caller's transaction. */
  async findByIds(manager: EntityManager, ids: readonly string[]): Promise<Map<string, Csp>> {
    const rows = await this.repo.findByIds(manager, ids);
    return new Map(rows.map((row) => [row.id, toCsp(row)]));
  }

  /** The CSP with this ETSI TS 103 120 endpoint identifier, compared exactly; null when none. In the caller's transaction. */
  async findByEtsiEndpointId(manager: EntityManager, etsiEndpointId: string): Promise<Csp | null> {
    const row = await this.repo.findByEtsiEndpointId(manager, etsiEndpointId);
    return row ? toCsp(row) : null;
  }

  list(principal: Principal, q: ListCspsQuery): Promise<CspPageView> {
    const includeInactive = q.includeInactive === true;
    if (includeInactive && !isAdmin(principal)) {
      throw new DomainException('FORBIDDEN_ROLE', 'Only an administrator may list inactive CSPs.');
    }
    return this.uow.read(async (m) => {
      const { rows, total } = await this.repo.list(m, { includeInactive, page: q.page, pageSize: q.pageSize });
      return { items: rows.map(toCsp), page: q.page, pageSize: q.pageSize, total };
    });
  }

  /** An inactive CSP is not found by SPOCs and SROs, as it is not listed for them. */
  get(principal: Principal, id: string): Promise<Csp> {
    return this.uow.read(async (m) => {
      const row = await this.repo.findById(m, id);
      if (!row || (!row.active && !isAdmin(principal))) throw new NotFoundDomainException('The CSP');
      return toCsp(row);
    });
  }

  create(dto: CreateCspDto): Promise<Csp> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const row: CspEntity = Object.assign(new CspEntity(), {
        id: randomUUID(),
        code: dto.code,
        name: dto.name,
        etsiEndpointId: dto.etsiEndpointId ?? null,
        dataTypes: inVocabularyOrder(CSP_DATA_TYPES, dto.dataTypes),
        identifierKinds: inVocabularyOrder(CSP_IDENTIFIER_KINDS, dto.identifierKinds),
        returnFormats: inVocabularyOrder(RETURN_FORMATS, dto.returnFormats),
        fileTimeZone: dto.fileTimeZone ?? null,
        timePrecisionSeconds: dto.timePrecisionSeconds ?? TIME_PRECISION_SECONDS_DEFAULT,
        ipResolutionAddress: dto.ipResolutionAddress ?? null,
        portalOnly: dto.portalOnly ?? false,
        active: dto.active ?? true,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      refuseInconsistent(row);
      const clashes = await this.repo.duplicates(tx, row, null);
      if (clashes.length > 0) throw cspDuplicate(clashes);
      await this.repo.insert(tx, row);
      return toCsp(row);
    });
  }

  /** The fields sent replace the CSP's; nothing changed, nothing written (the version stays). */
  patch(id: string, ifMatch: IfMatch, dto: PatchCspDto): Promise<Csp> {
    return this.uow.run(async (tx) => {
      const row = await this.repo.findById(tx, id);
      if (!row) throw new NotFoundDomainException('The CSP');
      if (!ifMatch.matches(row.version)) throw cspStale(row.version, ifMatch);
      const changes: Partial<CspEntity> = {};
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.etsiEndpointId !== undefined) changes.etsiEndpointId = dto.etsiEndpointId;
      if (dto.dataTypes !== undefined) changes.dataTypes = inVocabularyOrder(CSP_DATA_TYPES, dto.dataTypes);
      if (dto.identifierKinds !== undefined) changes.identifierKinds = inVocabularyOrder(CSP_IDENTIFIER_KINDS, dto.identifierKinds);
      if (dto.returnFormats !== undefined) changes.returnFormats = inVocabularyOrder(RETURN_FORMATS, dto.returnFormats);
      if (dto.fileTimeZone !== undefined) changes.fileTimeZone = dto.fileTimeZone;
      if (dto.timePrecisionSeconds !== undefined) changes.timePrecisionSeconds = dto.timePrecisionSeconds;
      if (dto.ipResolutionAddress !== undefined) changes.ipResolutionAddress = dto.ipResolutionAddress;
      if (dto.portalOnly !== undefined) changes.portalOnly = dto.portalOnly;
      if (dto.active !== undefined) changes.active = dto.active;
      const changed = (Object.keys(changes) as (keyof CspEntity)[]).filter((key) => JSON.stringify(changes[key]) !== JSON.stringify(row[key]));
      if (changed.length === 0) return toCsp(row);
      const next = { ...row, ...changes };
      refuseInconsistent(next);
      if (changed.includes('etsiEndpointId')) {
        const clashes = await this.repo.duplicates(tx, next, row.id);
        if (clashes.length > 0) throw cspDuplicate(clashes);
      }
      const updated = await this.repo.saveVersioned(tx, row, { ...changes, updatedAt: this.clock.now() });
      return toCsp(updated);
    });
  }
}
