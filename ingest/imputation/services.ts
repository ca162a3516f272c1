import { agentUrn } from '../common/urns.js';
import { jsonProp } from '../common/values.js';
import { toUtcIso } from '../common/time.js';
import { boolColumn, jobTypeUrn, jsonColumn, numColumn, imputationPanelUrn, strColumn, type ImputationContext, type Row } from './context.js';

/** Key of a service in urns: its slug, else its name, else `service-<id>`. */
export function serviceKey(row: Record<string, string | null>): string {
  return strColumn(row.slug) ?? strColumn(row.name) ?? `service-${row.id}`;
}

/** Key of a reference panel: the API name the service is called with (slug, e.g. `apps@h3africa-v6hc-s@1.0.0`). */
export function panelKey(row: Record<string, string | null>): string {
  return strColumn(row.slug) ?? strColumn(row.name) ?? `panel-${row.id}`;
}

/** imputation_services: each service is an Agent (kind service) and the Job type its runs instantiate. */
export function mapServices(ctx: ImputationContext, rows: Row[]): void {
  for (const { row } of rows) {
    const key = serviceKey(row);
    if (row.id !== null && row.id !== undefined) ctx.serviceKeyById.set(row.id, key);
    const name = strColumn(row.name);
    ctx.b.node(agentUrn('service', key), ['Agent'], {
      kind: 'service',
      name,
      slug: strColumn(row.slug),
      serviceType: strColumn(row.service_type),
      apiType: strColumn(row.api_type),
      baseUrl: strColumn(row.base_url),
      description: strColumn(row.description),
      version: strColumn(row.version),
      requiresAuth: boolColumn(row.requires_auth),
      isActive: boolColumn(row.is_active),
      isAvailable: boolColumn(row.is_available),
      healthStatus: strColumn(row.health_status),
      lastHealthCheck: toUtcIso(row.last_health_check),
      locationCountry: strColumn(row.location_country),
      locationCity: strColumn(row.location_city),
      supportedFormats: stringArray(jsonColumn(row.supported_formats)),
      supportedBuilds: stringArray(jsonColumn(row.supported_builds)),
      apiConfigJson: jsonProp(jsonColumn(row.api_config)),
      createdAt: toUtcIso(row.created_at),
      updatedAt: toUtcIso(row.updated_at),
    });
    ctx.b.node(jobTypeUrn(key), ['Job'], {
      name: name ?? key,
      kind: 'imputation',
      description: strColumn(row.description),
      version: strColumn(row.version),
      apiType: strColumn(row.api_type),
    });
    ctx.b.edge('WAS_ATTRIBUTED_TO', jobTypeUrn(key), agentUrn('service', key));
    ctx.b.count('services');
  }
}

/** reference_panels: ReferencePanel nodes, linked to the service that offers them. */
export function mapPanels(ctx: ImputationContext, rows: Row[]): void {
  for (const { row, line, file } of rows) {
    const key = panelKey(row);
    if (row.id !== null && row.id !== undefined) ctx.panelKeyById.set(row.id, key);
    const urn = ctx.b.node(imputationPanelUrn(key), ['ReferencePanel'], {
      name: strColumn(row.name),
      slug: strColumn(row.slug),
      displayName: strColumn(row.display_name),
      description: strColumn(row.description),
      population: strColumn(row.population),
      build: strColumn(row.build),
      samplesCount: numColumn(row.samples_count),
      variantsCount: numColumn(row.variants_count),
      isAvailable: boolColumn(row.is_available),
      isPublic: boolColumn(row.is_public),
      requiresPermission: boolColumn(row.requires_permission),
    });
    const service = row.service_id ? ctx.serviceKeyById.get(row.service_id) : undefined;
    if (service) ctx.b.edge('PROVIDED_BY', urn, agentUrn('service', service));
    else if (row.service_id) {
      ctx.b.issue({ severity: 'warning', code: 'IMPUTATION_SERVICE_UNRESOLVED', message: `panel ${key} names service id ${row.service_id}, not in the dumps`, file, line, subject: urn });
    }
    ctx.b.count('referencePanels');
  }
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}
