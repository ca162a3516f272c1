// Replaced by the real global setup (local Neo4j + Redis) in the foundation work.
export default async function setup(): Promise<void> {
  if (process.env.HELIX_NO_GRAPH === '1') return;
}
