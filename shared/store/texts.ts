import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/**
 * The texts bucket: for each analysis, the exact text its mention offsets index (the decoded
 * upload, or the text extracted from an HTML page). A separate bucket, so writing it never
 * re-triggers the pipeline; one object per article version, so a late writer cannot clobber
 * the text of a newer record.
 */
export class TextStore {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  /** One text per article version and analyzer: re-analysis writes beside, never over, the text in use. */
  static keyFor(articleKey: string, sequencer: string, analyzerVersion: string): string {
    return `${articleKey}/${sequencer}.${analyzerVersion}.txt`;
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
      if ((error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  /** Deleting a text that is already gone is fine: deletes are retried and may repeat. */
  async delete(textKey: string | undefined): Promise<void> {
    if (!textKey) return;
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: textKey }));
  }
}
