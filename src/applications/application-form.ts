import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { plain } from '../common/plain-json';
import { DomainException, type FieldError } from '../http/domain-exception';
import type { ApplicationForm, Identifier } from '../workflow/application.types';
import type { ApplicationFormDto } from './application-form.dto';
import { normaliseIdentifier } from './identifiers';

/**
 * The DTO's fields as form fields: identifiers gain their normalised value beside the value as written
 * (the record keeps both). `teamMemberIds` is not part of the form (it has its own table).
 */
export function formFieldsFrom(dto: ApplicationFormDto): Partial<ApplicationForm> {
  const { identifiers, ...rest } = plain(dto);
  delete rest.teamMemberIds;
  const fields: Partial<ApplicationForm> = rest;
  if (identifiers !== undefined) {
    fields.identifiers =
      identifiers === null
        ? null
        : identifiers.map((i): Identifier => {
            const result = normaliseIdentifier(i.type, i.value);
            // The DTO validator already refused values that do not normalise.
            return { ...i, normalisedValue: result.ok ? result.normalised : i.value };
          });
  }
  return fields;
}

/**
 * Cross-field checks the DTO cannot express: references are unique and resolve, so a data item can never
 * point at an identifier that is not in the form (400, naming the field).
 */
export function checkFormReferences(form: ApplicationForm): void {
  const errors: FieldError[] = [];
  const identifierRefs = new Set<string>();
  (form.identifiers ?? []).forEach((i, n) => {
    if (identifierRefs.has(i.ref)) errors.push({ field: `identifiers[${n}].ref`, message: `duplicate ref ${i.ref}`, code: 'duplicateRef' });
    identifierRefs.add(i.ref);
  });
  const itemRefs = new Set<string>();
  (form.dataItems ?? []).forEach((d, n) => {
    if (itemRefs.has(d.ref)) errors.push({ field: `dataItems[${n}].ref`, message: `duplicate ref ${d.ref}`, code: 'duplicateRef' });
    itemRefs.add(d.ref);
    if (!identifierRefs.has(d.identifierRef)) {
      errors.push({ field: `dataItems[${n}].identifierRef`, message: `no identifier with ref ${d.identifierRef}`, code: 'unknownRef' });
    }
  });
  if (errors.length > 0) {
    throw new DomainException('VALIDATION_FAILED', 'The form refers to something it does not contain.', { errors });
  }
}

/** Team members are active users of the applicant's authority (400 naming the field otherwise). */
export async function checkTeamMembers(tx: EntityManager, authorityId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx.find(UserEntity, { where: { id: In([...ids]), authorityId, active: true } });
  const known = new Set(found.map((u) => u.id));
  const errors = ids
    .map((id, n) => ({ id, n }))
    .filter(({ id }) => !known.has(id))
    .map(({ n }) => ({ field: `teamMemberIds[${n}]`, message: 'not an active user of the applicant’s authority', code: 'unknownTeamMember' }));
  if (errors.length > 0) throw new DomainException('VALIDATION_FAILED', 'Unknown team member.', { errors });
}
