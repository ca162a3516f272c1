import type { JsonObject } from '../common/values.js';

/**
 * Builds one PROV-JSON document (or bundle) from parsed PROV-N records: blocks keyed by record id, anonymous
 * relations under fresh blank ids, repeated ids as lists of attribute sets (as "scruffy" PROV-JSON writes them).
 */
export class ProvJsonBuilder {
  readonly json: JsonObject = {};
  private readonly bundles = new Map<string, ProvJsonBuilder>();

  constructor(private readonly blankIds: { next: number } = { next: 0 }) {}

  prefix(name: string, iri: string): void {
    const block = (this.json.prefix ??= {}) as JsonObject;
    block[name] = iri;
  }

  add(blockName: string, id: string | undefined, attrs: JsonObject): void {
    const block = (this.json[blockName] ??= {}) as JsonObject;
    const key = id ?? this.freshBlankId(block);
    const existing = block[key];
    if (existing === undefined) block[key] = attrs;
    else block[key] = [...(Array.isArray(existing) ? existing : [existing]), attrs];
  }

  /** The bundle's builder; a bundle id given twice continues the same bundle. */
  bundle(id: string): ProvJsonBuilder {
    const known = this.bundles.get(id);
    if (known) return known;
    const child = new ProvJsonBuilder(this.blankIds);
    this.bundles.set(id, child);
    const block = (this.json.bundle ??= {}) as JsonObject;
    block[id] = child.json;
    return child;
  }

  // Blank ids are numbered across the whole document, so bundles never share one.
  private freshBlankId(block: JsonObject): string {
    let key: string;
    do key = `_:n${++this.blankIds.next}`;
    while (key in block);
    return key;
  }
}

/** Adds an attribute value; a key given twice holds a list, as PROV-JSON writes repeated attributes. */
export function addAttribute(attrs: JsonObject, key: string, value: unknown): void {
  const existing = attrs[key];
  if (existing === undefined) attrs[key] = value;
  else attrs[key] = [...(Array.isArray(existing) ? existing : [existing]), value];
}
