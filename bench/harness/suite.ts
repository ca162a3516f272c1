/**
 * The contract every benchmark suite (bench/suites/<name>.ts) default-exports. One `run` call is one round; the
 * harness (bench/run-all.ts) runs ≥ 3 rounds (1 in quick mode), summarises them and writes
 * bench/results/<name>.json.
 */
export type Cell = string | number | null;
export type Row = Record<string, Cell>;

export interface SuiteOutput {
  rows: Row[];
  notes?: string[];
}

export interface SuiteOptions {
  /** Tiny sizes and short timings: exercises the code (CI), measures nothing worth keeping. */
  quick: boolean;
  log: (line: string) => void;
  /** 0-based round number (suites that compare systems alternate their order with it). */
  round?: number;
}

export interface Suite {
  name: string;
  description: string;
  run(opts: SuiteOptions): Promise<SuiteOutput>;
  /** Optional: release what the rounds shared (servers, a Neo4j started by the suite). Called once at the end. */
  close?(): Promise<void>;
}
