/** A node as the queries return it (node loader, capsule, search and keyset queries): URN, labels, properties. */
export interface StoredNode {
  urn: string;
  labels: string[];
  props: Record<string, unknown>;
}
