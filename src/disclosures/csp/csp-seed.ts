import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK } from '../../clock.provider';
import { APP_CONFIG, type AppConfig } from '../../config';
import { UnitOfWork } from '../../database/unit-of-work';
import type { Clock } from '../../workflow/clock';
import { CspEntity } from './csp.entity';
import { CSP_DATA_TYPES, CSP_IDENTIFIER_KINDS, inVocabularyOrder, RETURN_FORMATS, type Csp } from './csp.types';
import { cspConsistencyErrors } from './csps.service';

type DemoCsp = Omit<Csp, 'id' | 'active' | 'version' | 'createdAt' | 'updatedAt'>;

/**
 * Fictional CSPs for the demo directory. Their time zones differ on purpose: a file from Example Mobile
 * (Europe/London) moves by an hour in summer, Sample Broadband's (UTC) does not, and Example Webmail has
 * declared none, so a time in its files without an offset is refused. Test Cable gives billing addresses
 * for IP resolutions and states its times to the minute (60 seconds), Sample Broadband gives installation
 * addresses and its times to the second; Example Webmail has no ETSI interface.
 */
export const DEMO_CSPS: readonly DemoCsp[] = [
  {
    code: 'examplemobile',
    name: 'Example Mobile Ltd',
    etsiEndpointId: 'GB-EXAMPLEMOBILE-LI',
    dataTypes: ['subscriber', 'deviceDetails', 'callDataRecords', 'cellSite'],
    identifierKinds: ['msisdn', 'imei', 'imsi'],
    returnFormats: ['csv', 'etsiHi1'],
    fileTimeZone: 'Europe/London',
    timePrecisionSeconds: 1,
    ipResolutionAddress: null,
    portalOnly: false,
  },
  {
    code: 'samplebroadband',
    name: 'Sample Broadband plc',
    etsiEndpointId: 'GB-SAMPLEBROADBAND-LI',
    dataTypes: ['subscriber', 'ipAddressResolution', 'ipSessionLogs', 'internetConnectionRecord', 'dataVolumes'],
    identifierKinds: ['ipv4', 'ipv6', 'ipPort', 'accountId'],
    returnFormats: ['json', 'etsiHi1'],
    fileTimeZone: 'UTC',
    timePrecisionSeconds: 1,
    ipResolutionAddress: 'installation',
    portalOnly: false,
  },
  {
    code: 'testcable',
    name: 'Test Cable and Fibre Ltd',
    etsiEndpointId: 'GB-TESTCABLE-LI',
    dataTypes: ['subscriber', 'ipAddressResolution', 'ipSessionLogs'],
    identifierKinds: ['ipv4', 'ipv6', 'ipPort', 'accountId', 'email'],
    returnFormats: ['xlsx', 'etsiHi1'],
    fileTimeZone: 'Europe/London',
    timePrecisionSeconds: 60,
    ipResolutionAddress: 'billing',
    portalOnly: false,
  },
  {
    code: 'examplewebmail',
    name: 'Example Webmail Inc.',
    etsiEndpointId: null,
    dataTypes: ['subscriber', 'emailConnectionLogs', 'ipSessionLogs'],
    identifierKinds: ['email', 'username', 'accountId'],
    returnFormats: ['csv', 'xlsx'],
    fileTimeZone: null,
    timePrecisionSeconds: 1,
    ipResolutionAddress: null,
    portalOnly: true,
  },
  {
    code: 'specimenpost',
    name: 'Specimen Parcels Ltd',
    etsiEndpointId: 'GB-SPECIMENPARCELS-LI',
    dataTypes: ['subscriber', 'postalTracking'],
    identifierKinds: ['postalItem', 'accountId', 'email'],
    returnFormats: ['csv', 'json'],
    fileTimeZone: 'Europe/London',
    timePrecisionSeconds: 1,
    ipResolutionAddress: null,
    portalOnly: false,
  },
];

/**
 * Seeds {@link DEMO_CSPS} when demo seeding is on (the embedded default; refused in production) and the
 * directory is empty, so an administrator's changes are never overwritten at the next start.
 */
@Injectable()
export class CspSeed {
  private readonly logger = new Logger('CspSeed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(): Promise<boolean> {
    if (!this.config.seedDemo) return false;
    const seeded = await this.uow.run(async (tx) => {
      if ((await tx.count(CspEntity)) > 0) return false;
      const now = this.clock.now();
      for (const csp of DEMO_CSPS) {
        const errors = cspConsistencyErrors(csp);
        if (errors.length > 0) throw new Error(`demo CSP ${csp.code}: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
        await tx.insert(CspEntity, {
          ...csp,
          id: randomUUID(),
          dataTypes: inVocabularyOrder(CSP_DATA_TYPES, csp.dataTypes),
          identifierKinds: inVocabularyOrder(CSP_IDENTIFIER_KINDS, csp.identifierKinds),
          returnFormats: inVocabularyOrder(RETURN_FORMATS, csp.returnFormats),
          active: true,
          version: 1,
          createdAt: now,
          updatedAt: now,
        });
      }
      return true;
    });
    if (seeded) this.logger.log(`Seeded ${DEMO_CSPS.length} fictional CSPs.`);
    return seeded;
  }
}
