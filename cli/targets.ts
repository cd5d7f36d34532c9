import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/emulators.ts';
import { DEFAULTS } from '../local/start.ts';

/** Where maintenance commands act: the local stack by default, or a deployed stack's bucket and table. */
export interface Target {
  bucket: string;
  /** The bucket of analyzed texts: re-analysis keeps there the text its offsets index. */
  textBucket: string;
  table: string;
  s3: S3Client;
  dynamo: DynamoDBDocumentClient;
  description: string;
}

export interface TargetOptions {
  bucket?: string;
  'text-bucket'?: string;
  table?: string;
  region?: string;
}

export function resolveTarget(options: TargetOptions): Target {
  if (options.bucket || options.table) {
    if (!options.bucket || !options.table || !options['text-bucket']) {
      throw new Error('A deployed stack needs --bucket, --table and --text-bucket (the stack outputs BucketName, TableName, TextBucketName).');
    }
    // The user's usual credentials and region (environment, profile, SSO), as the AWS CLI finds them.
    const region = options.region ? { region: options.region } : {};
    return {
      bucket: options.bucket,
      textBucket: options['text-bucket'],
      table: options.table,
      s3: new S3Client(region),
      dynamo: DynamoDBDocumentClient.from(new DynamoDBClient(region), { marshallOptions: { removeUndefinedValues: true } }),
      description: `bucket ${options.bucket}, table ${options.table}`,
    };
  }
  const host = DEFAULTS.host;
  const s3Port = process.env.LEDE_S3_PORT || DEFAULTS.s3Port;
  const dynamoPort = process.env.LEDE_DYNAMODB_PORT || DEFAULTS.dynamoPort;
  return localTarget(`http://${host}:${s3Port}`, `http://${host}:${dynamoPort}`, DEFAULTS.bucket, DEFAULTS.tableName, DEFAULTS.textBucket);
}

/** The local stack's emulators, with the credentials they accept. */
export function localTarget(s3Endpoint: string, dynamoEndpoint: string, bucket: string, table: string, textBucket: string): Target {
  const local = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  return {
    bucket,
    textBucket,
    table,
    s3: new S3Client({
      ...local,
      endpoint: s3Endpoint,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
    dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({ ...local, endpoint: dynamoEndpoint }), {
      marshallOptions: { removeUndefinedValues: true },
    }),
    description: `the local stack (S3 ${s3Endpoint}, DynamoDB ${dynamoEndpoint})`,
  };
}
