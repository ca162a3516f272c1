/** A node as the capsule and search queries return it (the same shape as the node loader's StoredNode). */
export interface StoredNodeRow {
  urn: string;
  labels: string[];
  props: Record<string, unknown>;
}
