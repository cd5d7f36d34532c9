// Runs the S3 and DynamoDB emulators on a thread of their own, so that on a two-core machine
// they work in parallel with the handlers on the main thread. Plain JavaScript: a worker thread
// does not inherit the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { acceptAnyKey } from './s3rver-store.mjs';

const { host, s3Port, dynamoPort, buckets, dataDir, persistTable } = workerData;

/** Errors go to the main thread, which writes them where the user sees them. */
function report(what, error) {
  parentPort.postMessage({ type: 'error', what, message: error?.stack ?? String(error) });
}

// One failed request must not end the thread that serves every other: both emulators live here.
process.on('uncaughtException', (error) => report('the emulators hit an uncaught error', error));
process.on('unhandledRejection', (error) => report('the emulators hit an unhandled rejection', error));

/**
 * s3rver writes an object's bytes first and its metadata last, in place. After a crash (kill -9
 * mid-upload) an object can be left without readable metadata, and s3rver then fails every
 * listing. Such an upload never completed (its client got no answer and retries), so it goes.
 */
async function removeIncompleteUploads(directory) {
  let removed = 0;
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('._S3rver_object')) continue;
    const objectPath = join(entry.parentPath ?? entry.path, entry.name);
    const base = objectPath.slice(0, -'object'.length);
    try {
      JSON.parse(await readFile(`${base}metadata.json`, 'utf8'));
    } catch {
      await Promise.all([objectPath, `${objectPath}.md5`, `${base}metadata.json`].map((file) => rm(file, { force: true })));
      removed++;
    }
  }
  return removed;
}

const repaired = await removeIncompleteUploads(join(dataDir, 's3'));

const s3 = new S3rver({
  address: host,
  port: s3Port,
  silent: true,
  directory: join(dataDir, 's3'),
  configureBuckets: buckets.map((name) => ({ name, configs: [] })),
});
acceptAnyKey(s3, join(dataDir, 's3'));
s3.on('event', (event) => parentPort.postMessage({ type: 's3-event', event }));
// s3rver answers these with an S3 InternalError; `silent` keeps it from logging them itself.
s3.on('error', (error) => {
  if ((error.status ?? 500) >= 500) report('the S3 emulator failed a request', error);
});
const s3Address = await s3.run();

const dynamo = dynalite({
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
  ...(persistTable ? { path: join(dataDir, 'dynamodb') } : {}),
});
await new Promise((resolve, reject) => {
  dynamo.once('error', reject);
  dynamo.listen(dynamoPort, host, resolve);
});

parentPort.on('message', async (message) => {
  if (message.type !== 'stop') return;
  await s3.close();
  await new Promise((resolve) => dynamo.close(resolve));
  parentPort.postMessage({ type: 'stopped' });
  parentPort.close();
});

parentPort.postMessage({ type: 'ready', s3Port: s3Address.port, dynamoPort: dynamo.address().port, repaired });
