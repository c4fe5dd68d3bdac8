/**
 * The issue form's answers (issue 20): as typed, to show them again, and as the API's IssueProductDto, checked by
 * the API's own validation pipe so that a page refuses exactly what `POST /applications/:id/products` refuses.
 */
import { IssueProductDto, type ProductResponse } from '../../products/public-api';
import { PRODUCT_HANDLING_LABELS, PRODUCT_KIND_LABELS } from '../../workflow/product.labels';
import { PRODUCT_HANDLINGS, PRODUCT_KINDS } from '../../workflow/product.types';
import { validateAs } from '../forms/validate-as';
import { answer } from '../form-refusals';
import { productName } from './product-rows';

/** The form's fields, by the DTO's names (a field error's path is its input's id). */
export const ISSUE_FIELDS = ['kind', 'handling', 'exhibitReference', 'supersedes', 'reason'] as const;
export type IssueValues = Record<(typeof ISSUE_FIELDS)[number], string>;

/** The "supersedes nothing" choice: a new product rather than a correction. */
export const SUPERSEDES_NOTHING = 'none';

export function issueValues(body: Record<string, unknown>): IssueValues {
  return Object.fromEntries(ISSUE_FIELDS.map((field) => [field, answer(body, field) ?? ''])) as IssueValues;
}

export const EMPTY_ISSUE: IssueValues = { kind: '', handling: '', exhibitReference: '', supersedes: SUPERSEDES_NOTHING, reason: '' };

/** The answers as the DTO, as typed: what the API accepts or refuses (an exhibit reference on intelligence too) is its own. */
export function issueDto(values: IssueValues): Promise<IssueProductDto> {
  const given = (value: string) => (value === '' ? undefined : value);
  return validateAs(IssueProductDto, {
    kind: given(values.kind),
    handling: given(values.handling),
    exhibitReference: given(values.exhibitReference),
    supersedes: values.supersedes === SUPERSEDES_NOTHING ? undefined : given(values.supersedes),
    reason: given(values.reason),
  });
}

/** The choices of the form: kinds, handlings and the products a correction may supersede (those nothing superseded). */
export function issueChoices(products: readonly ProductResponse[], values: IssueValues) {
  return {
    kindItems: PRODUCT_KINDS.map((kind) => ({
      value: kind,
      text: PRODUCT_KIND_LABELS[kind],
      hint: { text: kind === 'final' ? 'Every request to a CSP finished and checked.' : 'While requests are still open, for example when a life is at risk.' },
      checked: values.kind === kind,
    })),
    handlingItems: PRODUCT_HANDLINGS.map((handling) => ({ value: handling, text: PRODUCT_HANDLING_LABELS[handling], checked: values.handling === handling })),
    supersedeItems: [
      { value: SUPERSEDES_NOTHING, text: 'None: this is not a correction', checked: values.supersedes === SUPERSEDES_NOTHING || values.supersedes === '' },
      ...products
        .filter((product) => product.supersededBy === null)
        .map((product) => ({ value: product.id, text: `${productName(product)}, ${PRODUCT_HANDLING_LABELS[product.handling].toLowerCase()}`, checked: values.supersedes === product.id })),
    ],
  };
}

/** How the confirmed answers read back on the preview page. */
export function issueSummary(values: IssueValues, products: readonly ProductResponse[]) {
  const superseded = products.find((p) => p.id === values.supersedes);
  return {
    kind: PRODUCT_KIND_LABELS[values.kind as (typeof PRODUCT_KINDS)[number]] ?? values.kind,
    handling: PRODUCT_HANDLING_LABELS[values.handling as (typeof PRODUCT_HANDLINGS)[number]] ?? values.handling,
    exhibitReference: values.exhibitReference,
    supersedes: superseded ? productName(superseded) : null,
    reason: values.reason,
  };
}
