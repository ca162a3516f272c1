import type { ExportFormat } from '../export-request.js';
import type { FormatSpec } from '../format-writer.js';
import { cypher } from './cypher.js';
import { dot } from './dot.js';
import { graphml } from './graphml.js';
import { jsonl } from './jsonl.js';
import { jsonld } from './jsonld.js';
import { mermaid } from './mermaid.js';
import { openlineage } from './openlineage.js';

export const FORMATS: Record<ExportFormat, FormatSpec> = { graphml, cypher, jsonl, dot, mermaid, jsonld, openlineage };
