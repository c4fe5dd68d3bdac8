import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeGuardDocumentation, exportedFunctions } from '../../test/support/exported-functions';
import { DISCLOSURE_REQUEST_UNDER_TEST } from '../../test/support/workflow-arbitraries';
import { describeGuardReads } from '../../test/support/workflow-properties';

/**
 * Meta-test: every function exported from disclosure-request.guards.ts (and from any
 * disclosure-request-guards.<concern>.ts it may later be split into) has TSDoc immediately above it citing
 * docs/law.md and a source tag (docs/law.md §0 source key), and its own `describe('<name>'` block in
 * disclosure-request.guards.spec.ts (docs/architecture.md §9: TSDoc on exported workflow rules cites the rule).
 */
const GUARD_FILES = readdirSync(__dirname)
  .filter((file) => file === 'disclosure-request.guards.ts' || (/^disclosure-request-guards\.[\w-]+\.ts$/.test(file) && !file.endsWith('.spec.ts')))
  .sort();
const guardsSource = GUARD_FILES.map((file) => readFileSync(join(__dirname, file), 'utf8')).join('\n');
const specSource = readFileSync(join(__dirname, 'disclosure-request.guards.spec.ts'), 'utf8');

/** Source tags of docs/law.md §0 (IPA s.65, CoP06, CoP15, IPCO-17, ETSI-HI1, ETSI-RD, …). */
const SOURCE_TAG =
  /\b(?:IPA-\d+[A-Z]?|IPA s\.\d+|CoP\d{2}|IPCO-(?:\d{2}|ERR)|IOCCO-(?:\d{2}|FORMS)|DRAR-8|RIPA-23|AQT|WILTS|HANS18|PFD|ETSI-(?:HI1|RD|280))\b/;

describe('disclosure-request.guards meta', () => {
  const functions = exportedFunctions(guardsSource);

  it('reads the one guard file, and re-exports the rule codes from it', () => {
    expect(GUARD_FILES).toEqual(['disclosure-request.guards.ts']);
    expect(guardsSource).toContain("export * from './disclosure-request.rule-codes';");
  });

  it('finds the exported guards and the branch predicate', () => {
    expect(functions.map((f) => f.name).sort()).toEqual(
      [
        'accreditedSpocNotApplicant',
        'applicationAuthorised',
        'cancellationReasonGiven',
        'cancellerEntitled',
        'cspReferenceGiven',
        'nilReturnStatementGiven',
        'rejectionReasonGiven',
        'returnChecksReviewed',
        'returnCompletenessStated',
        'returnCompletesDisclosure',
        'sentWithinValidity',
        'spocServesAuthority',
      ].sort(),
    );
  });

  describeGuardDocumentation({
    guardsSource,
    specSource,
    specFile: 'disclosure-request.guards.spec.ts',
    sourceTag: SOURCE_TAG,
    probeCitation: 'Cites docs/law.md §5 (CoP06 3.14).',
  });
});

describeGuardReads('DISCLOSURE_REQUEST_GUARD_READS', DISCLOSURE_REQUEST_UNDER_TEST);
