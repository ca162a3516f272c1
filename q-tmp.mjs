import neo4j from 'neo4j-driver';
const d = neo4j.driver(process.argv[2]);
const s = d.session();
try { const r = await s.run(process.argv[3]); console.log(JSON.stringify(r.records.map(x=>x.toObject())).slice(0,1500)); } catch(e) { console.log('ERR', e.message); }
await s.close(); await d.close();
