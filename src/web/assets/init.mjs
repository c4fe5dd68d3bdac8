// Progressive enhancement only: every page works without this file (GOV.UK Service Manual). It starts the
// GOV.UK and MoJ components on pages whose <body> GOV.UK's template marked as supported.
import { initAll as initGovuk } from '/assets/govuk-frontend.min.js';
import { initAll as initMoj } from '/assets/moj-frontend.min.js';

initGovuk();
initMoj();
