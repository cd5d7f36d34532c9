// Runs the S3 and DynamoDB emulators on a thread of their own, so that on a two-core machine
// they work in parallel with the handlers on the main thread. Plain JavaScript: a worker thread
// does not inherit the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import { join } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';

const { host, s3Port, dynamoPort, buckets, dataDir, persistTable } = workerData;

const s3 = new S3rver({
  address: host,
  port: s3Port,
  silent: true,
  directory: join(dataDir, 's3'),
  configureBuckets: buckets.map((name) => ({ name, configs: [] })),
});
s3.on('event', (event) => parentPort.postMessage({ type: 's3-event', event }));
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

parentPort.postMessage({ type: 'ready', s3Port: s3Address.port, dynamoPort: dynamo.address().port });
