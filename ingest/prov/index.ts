export { mapProvJson } from './map-prov.js';
export type { ProvOptions } from './map-prov.js';
export { isProvNFile, looksLikeProvN, mapProvN, parseProvN } from './provn.js';
export { readProvDocument } from './document.js';
export { Namespaces, decodeValue } from './qualified-names.js';
export { provActivityUrn, provEntityUrn, provStepUrn } from './elements.js';
