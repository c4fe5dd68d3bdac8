/**
 * The codes of an imported RIPA record in words, for what a person reads (the history of the record:
 * docs/architecture.md §8). Each table is a `Record` over its vocabulary in ripa-record.types.ts, so a new
 * code fails to compile until it has words here. Pure data.
 */
import type { RipaPurpose, RipaRecordKind } from './ripa-record.types';

/** RIPA s.22(3) and s.22(4). */
export const RIPA_RECORD_KIND_LABELS: Readonly<Record<RipaRecordKind, string>> = Object.freeze({
  s22_3_authorisation: 'Authorisation to obtain the data (RIPA s.22(3))',
  s22_4_notice: 'Notice to obtain and disclose the data (RIPA s.22(4))',
});

/** The grounds of RIPA s.22(2), each with its letter. */
export const RIPA_PURPOSE_LABELS: Readonly<Record<RipaPurpose, string>> = Object.freeze({
  s22_2_a: '(a) in the interests of national security',
  s22_2_b: '(b) preventing or detecting crime or preventing disorder',
  s22_2_c: '(c) in the interests of the economic well-being of the United Kingdom',
  s22_2_d: '(d) in the interests of public safety',
  s22_2_e: '(e) protecting public health',
  s22_2_f: '(f) assessing or collecting a tax, duty, levy or other charge payable to a government department',
  s22_2_g: '(g) in an emergency, preventing or mitigating death, injury or damage to health',
  s22_2_h: '(h) a purpose specified by an order of the Secretary of State',
});
