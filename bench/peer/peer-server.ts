/**
 * The peer of the `peer` bench suite: @neo4j/graphql 7 on graphql-yoga over the same Neo4j, no cache. Run as a child
 * process: `node --import tsx bench/peer/peer-server.ts` with NEO4J_URI and NEO4J_PASSWORD; prints `PEER_READY <port>`.
 * GET /round-trips answers the number of Cypher round trips so far (every transaction function and auto-commit
 * run the library starts on the driver it was given).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Neo4jGraphQL } from '@neo4j/graphql';
// The peer talks to the driver directly: that is what is being measured.
import neo4j, { type Driver, type Session } from 'neo4j-driver';
import { createYoga } from 'graphql-yoga';
import { peerTypeDefs } from './peer-typedefs.js';

let roundTrips = 0;

/** A driver whose sessions count each unit of work sent to Neo4j. */
function countingDriver(driver: Driver): Driver {
  return new Proxy(driver, {
    get(target, prop, receiver) {
      if (prop === 'session') {
        return (...args: Parameters<Driver['session']>) => countingSession(target.session(...args));
      }
      if (prop === 'executeQuery') {
        return (...args: unknown[]) => {
          roundTrips++;
          return (target.executeQuery as (...a: unknown[]) => unknown)(...args);
        };
      }
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

function countingSession(session: Session): Session {
  return new Proxy(session, {
    get(target, prop, receiver) {
      if (prop === 'run' || prop === 'executeRead' || prop === 'executeWrite' || prop === 'beginTransaction') {
        return (...args: unknown[]) => {
          roundTrips++;
          return (target[prop] as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

const uri = process.env.NEO4J_URI!;
const password = process.env.NEO4J_PASSWORD;
const raw = neo4j.driver(uri, password ? neo4j.auth.basic('neo4j', password) : undefined, { maxConnectionPoolSize: 50 });
await raw.verifyConnectivity();
const schema = await new Neo4jGraphQL({ typeDefs: peerTypeDefs, driver: countingDriver(raw) }).getSchema();
const yoga = createYoga({ schema, graphqlEndpoint: '/graphql', logging: false, graphiql: false, landingPage: false });
const server = http.createServer((req, res) => {
  if (req.url === '/round-trips') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify({ roundTrips }));
  }
  void yoga.handle(req, res);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`PEER_READY ${(server.address() as AddressInfo).port}\n`));
const stop = async () => {
  server.closeAllConnections();
  server.close();
  await raw.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
