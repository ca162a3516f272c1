import { DateTimeScalar, JSONScalar } from '../scalars.js';
import { accessResolvers } from './access.js';
import { baseResolvers } from './base.js';
import { bioResolvers } from './bio.js';
import { capsuleResolvers } from './capsules.js';
import { conformanceResolvers } from './conformance.js';
import { exportResolvers } from './export.js';
import { historyResolvers } from './history.js';
import { ingestionResolvers } from './ingestion.js';
import { lineageResolvers } from './lineage.js';
import { metadataResolvers } from './metadata.js';
import { piiResolvers } from './pii.js';
import { provenanceResolvers } from './provenance.js';

/** Every domain's resolver map; add a domain here when it adds an SDL file. */
export function resolverMaps() {
  return [
    { JSON: JSONScalar, DateTime: DateTimeScalar },
    baseResolvers,
    capsuleResolvers,
    lineageResolvers,
    metadataResolvers,
    bioResolvers,
    provenanceResolvers,
    ingestionResolvers,
    piiResolvers,
    conformanceResolvers,
    exportResolvers,
    historyResolvers,
    accessResolvers,
  ];
}
