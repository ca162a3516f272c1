import type { HelixContext } from '../app/context.js';
import { explorerRoutes } from './routes/explorer.js';
import { exportRoute } from './routes/export.js';
import { openLineageRoute } from './routes/openlineage.js';
import type { ExtraRoute } from './server.js';

/** Routes beside /graphql that other domains contribute (OpenLineage endpoint, explorer page). */
export function extraRoutes(helix: HelixContext): ExtraRoute[] {
  return [openLineageRoute(helix), exportRoute(helix), ...explorerRoutes()];
}
