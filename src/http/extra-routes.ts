import type { HelixContext } from '../app/context.js';
import type { ExtraRoute } from './server.js';

/** Routes beside /graphql that other domains contribute (OpenLineage endpoint, explorer page). */
export function extraRoutes(_helix: HelixContext): ExtraRoute[] {
  return [];
}
