import { createHash, randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/**
 * The texts bucket: for each analysis, the exact text its mention offsets index (the decoded
 * upload, or the text extracted from an HTML page). A separate bucket, so writing it never
 * re-triggers the pipeline; one object per analysis, so a late writer cannot clobber the text
 * of another record.
 */
export class TextStore {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  /**
   * A fresh key for every analysis, so that no writer, however it races, touches a text another
   * record points to. Grouped under a hash of the article key, as article keys may be 1,024 bytes.
   */
  static keyFor(articleKey: string, sequencer: string): string {
    return `${TextStore.prefixFor(articleKey)}${sequencer}-${randomUUID()}.txt`;
  }

  static prefixFor(articleKey: string): string {
    return `${createHash('sha256').update(articleKey).digest('hex').slice(0, 32)}/`;
  }

  async put(textKey: string, text: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: textKey, Body: text, ContentType: 'text/plain; charset=utf-8' }),
    );
  }

  async get(textKey: string): Promise<string | undefined> {
    try {
      const response = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: textKey }));
      return await response.Body?.transformToString('utf-8');
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if ((error as Error).name === 'NoSuchKey' || status === 404) return undefined;
      throw error;
    }
  }

  /** Deleting a text that is already gone is fine: deletes are retried and may repeat. */
  async delete(textKey: string | undefined): Promise<void> {
    if (!textKey) return;
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: textKey }));
  }
}
