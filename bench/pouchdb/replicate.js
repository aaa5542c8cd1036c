// Replicates a remote CouchDB-style database into a fresh local PouchDB on disk (leveldb) and prints one JSON line:
// {"docs", "docsWritten", "seconds", "peakRssBytes"}. Usage: node replicate.js <remote-url> <local-dir> <batch-size>
'use strict';
const PouchDB = require('pouchdb-node');

async function main() {
  const [remote, localDir, batchSize] = process.argv.slice(2);
  const local = new PouchDB(localDir);
  const started = process.hrtime.bigint();
  const result = await PouchDB.replicate(remote, local, { batch_size: Number(batchSize) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const info = await local.info();
  await local.close();
  console.log(JSON.stringify({
    docs: info.doc_count,
    docsWritten: result.docs_written,
    seconds,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
