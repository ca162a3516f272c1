import { z } from 'zod';
import { owner, resourceCommon, str } from './common.js';

/** An entry of manifest `exposures`: `type` (dashboard, notebook, analysis, ml, application), `owner`, `url`. */
export const exposureSchema = z.looseObject({
  ...resourceCommon,
  type: str,
  owner,
  url: str,
  maturity: str,
});
export type ExposureInput = z.infer<typeof exposureSchema>;
