// The GraphQL type of a node; defined with the services, which name node types too (lineageDiff, history).
export { nodeType } from '../services/node-type.js';
