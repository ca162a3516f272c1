import { z } from 'zod';
import { owner, str } from './common.js';

/** An entry of manifest `groups` (v9+): a name and an owner. */
export const groupSchema = z.looseObject({
  unique_id: z.string(),
  name: z.string(),
  resource_type: str,
  package_name: str,
  original_file_path: str,
  owner,
});
export type GroupInput = z.infer<typeof groupSchema>;
