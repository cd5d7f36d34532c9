import { createHash, randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import type { Context, S3Event, S3EventRecord, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { encodeS3Key } from '../shared/events/s3-notifications.ts';
import { lambdaContext } from './context.ts';

export type BatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface BridgeOptions {
  handler: BatchHandler;
  bucket: string;
  /** Messages handed to one invocation, as the stack's event source mapping does. */
  batchSize: number;
  /** How long to wait for a batch to fill once a message is waiting. */
  batchWindowMs: number;
  /** Invocations running at once. */
  concurrency: number;
  /** After this many receives a message moves to the dead-letter file (SQS maxReceiveCount). */
  maxReceives: number;
  /** Before the n-th retry a message waits this long (the queue's visibility timeout, shortened). */
  retryDelayMs: (receiveCount: number) => number;
  deadLetterFile?: string;
  onDeadLetter?: (message: SQSRecord, reason: string) => void;
}

interface Pending {
  record: SQSRecord;
  receives: number;
}

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:lede-local-articles';

/**
 * Plays the part of S3 notifications, SQS and the Lambda event source mapping: s3rver's events
 * become the messages AWS would deliver (keys URL-encoded, per-key sequencers), handed to the
 * processor handler in batches; failed messages are retried and finally dead-lettered.
 */
export class LocalEventBridge {
  readonly deadLetters: { message: SQSRecord; reason: string }[] = [];
  private readonly ready: Pending[] = [];
  private inFlight = 0;
  private delayed = 0;
  private sequence = 0n;
  private batchTimer: NodeJS.Timeout | undefined;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly options: BridgeOptions) {}

  /** Takes an event as s3rver emits it (key not encoded, coarse sequencer) and queues AWS-shaped messages. */
  acceptS3rverEvent(event: S3Event): void {
    for (const record of event.Records ?? []) {
      if (record.s3.bucket.name !== this.options.bucket) continue;
      this.enqueue(this.toAwsRecord(record));
    }
  }

  /** Queues one S3 event record exactly as AWS would put it in an SQS message body. */
  enqueue(record: S3EventRecord): void {
    const body = JSON.stringify({ Records: [record] });
    this.ready.push({ record: sqsRecord(body), receives: 0 });
    this.schedule();
  }

  /** Resolves when no message is waiting, running or due for a retry. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get pendingCount(): number {
    return this.ready.length + this.inFlight + this.delayed;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.batchTimer);
    for (const timer of this.retryTimers) clearTimeout(timer);
  }

  private toAwsRecord(record: S3EventRecord): S3EventRecord {
    return {
      ...record,
      awsRegion: 'us-east-1',
      s3: {
        ...record.s3,
        bucket: { ...record.s3.bucket, arn: `arn:aws:s3:::${record.s3.bucket.name}` },
        object: { ...record.s3.object, key: encodeS3Key(record.s3.object.key), sequencer: this.nextSequencer() },
      },
    };
  }

  /** s3rver's sequencer is the millisecond clock, which two quick writes share; S3's never repeat for a key. */
  nextSequencer(): string {
    const now = BigInt(Date.now()) << 20n;
    this.sequence = this.sequence < now ? now : this.sequence + 1n;
    return this.sequence.toString(16).toUpperCase().padStart(16, '0');
  }

  private schedule(): void {
    if (this.stopped || this.batchTimer || this.inFlight >= this.options.concurrency || this.ready.length === 0) return;
    const wait = this.ready.length >= this.options.batchSize ? 0 : this.options.batchWindowMs;
    this.batchTimer = setTimeout(() => {
      this.batchTimer = undefined;
      void this.invoke(this.ready.splice(0, this.options.batchSize));
      this.schedule();
    }, wait);
  }

  private async invoke(batch: Pending[]): Promise<void> {
    if (batch.length === 0) return;
    this.inFlight++;
    for (const item of batch) {
      item.receives++;
      item.record.attributes.ApproximateReceiveCount = String(item.receives);
    }
    let failed: Set<string>;
    let reason = 'reported as a batch item failure';
    try {
      const response = await this.options.handler({ Records: batch.map((b) => b.record) }, lambdaContext('lede-processor', 60_000));
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      // The whole invocation failed: as on Lambda, every message of the batch comes back.
      failed = new Set(batch.map((b) => b.record.messageId));
      reason = `invocation failed: ${(error as Error).message}`;
    }
    for (const item of batch) if (failed.has(item.record.messageId)) await this.retryOrDeadLetter(item, reason);
    this.inFlight--;
    this.schedule();
    this.notifyIfIdle();
  }

  private async retryOrDeadLetter(item: Pending, reason: string): Promise<void> {
    if (item.receives >= this.options.maxReceives) {
      this.deadLetters.push({ message: item.record, reason });
      this.options.onDeadLetter?.(item.record, reason);
      if (this.options.deadLetterFile) {
        const line = { at: new Date().toISOString(), reason, receives: item.receives, body: JSON.parse(item.record.body) };
        await appendFile(this.options.deadLetterFile, `${JSON.stringify(line)}\n`);
      }
      return;
    }
    this.delayed++;
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.delayed--;
      this.ready.push(item);
      this.schedule();
    }, this.options.retryDelayMs(item.receives));
    this.retryTimers.add(timer);
  }

  private isIdle(): boolean {
    return this.pendingCount === 0;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function sqsRecord(body: string): SQSRecord {
  const now = String(Date.now());
  return {
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body,
    attributes: {
      ApproximateReceiveCount: '0',
      SentTimestamp: now,
      SenderId: 'AROAS3NOTIFICATIONS',
      ApproximateFirstReceiveTimestamp: now,
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: QUEUE_ARN,
    awsRegion: 'us-east-1',
  };
}
