import { GraphBuilder as CommonGraphBuilder, storableProps } from '../../common/graph-builder.js';

/**
 * The dbt mapping's builder: merge policy `first-wins` (an owner named by two models, an invocation named by the
 * manifest and by run_results: the first description is the one written, later ones fill gaps), properties cleaned to
 * storable values, and edges with an end that is not a node dropped and reported (DBT_EDGE_WITHOUT_NODE).
 */
export class GraphBuilder extends CommonGraphBuilder {
  constructor() {
    super({ merge: 'first-wins', clean: storableProps, danglingEdgeCode: 'DBT_EDGE_WITHOUT_NODE' });
  }
}

