import { describe, expect, it } from 'vitest';
import {
  comparableSequencer,
  decodeS3Key,
  encodeS3Key,
  MalformedMessageError,
  parseS3Notification,
} from '../../shared/events/s3-notifications.ts';
import { s3EventRecord } from '../helpers/events.ts';

describe('parseS3Notification', () => {
  it('reads every record of a message and decodes keys as S3 encodes them', () => {
    // Prepare
    const body = JSON.stringify({
      Records: [
        s3EventRecord({ encodedKey: 'My+Article+%C3%BC%2B1.txt', sequencer: '0A', size: 12 }),
        s3EventRecord({ encodedKey: 'news/old.txt', eventName: 'ObjectRemoved:Delete', sequencer: '0B' }),
      ],
    });
    // Act
    const changes = parseS3Notification(body);
    // Assess
    expect(changes).toMatchObject([
      { kind: 'created', key: 'My Article ü+1.txt', size: 12, sequencer: '0A', bucket: 'articles' },
      { kind: 'removed', key: 'news/old.txt', sequencer: '0B' },
    ]);
  });

  it('tells a removal of the object from the permanent deletion of one version', () => {
    // Prepare
    const body = JSON.stringify({
      Records: [
        s3EventRecord({ encodedKey: 'a.txt', eventName: 'ObjectRemoved:DeleteMarkerCreated', versionId: 'marker' }),
        s3EventRecord({ encodedKey: 'a.txt', eventName: 'ObjectRemoved:Delete', versionId: 'v1' }),
        s3EventRecord({ encodedKey: 'a.txt', eventName: 'ObjectRemoved:Delete' }),
      ],
    });
    // Act, Assess
    expect(parseS3Notification(body).map((c) => c.removes)).toEqual(['object', 'version', 'object']);
  });

  it('returns nothing for the test event S3 sends when notifications are set up', () => {
    expect(parseS3Notification(JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent' }))).toEqual([]);
  });

  it.each(['not json', '{}', JSON.stringify({ Records: [{ s3: {} }] })])('refuses a malformed body: %s', (body) => {
    expect(() => parseS3Notification(body)).toThrow(MalformedMessageError);
  });
});

describe('S3 key encoding', () => {
  it.each(['plain.txt', 'a b/c+d.txt', 'Élysée/naïve – “quotes”.html', '100%/x?y#z.txt'])('round-trips %s', (key) => {
    expect(decodeS3Key(encodeS3Key(key))).toBe(key);
  });

  it('writes spaces as + and keeps slashes, as S3 does', () => {
    expect(encodeS3Key('world/My Article ü+1.txt')).toBe('world/My+Article+%C3%BC%2B1.txt');
  });
});

describe('comparableSequencer', () => {
  it('orders sequencers of different lengths by value', () => {
    expect(comparableSequencer('FF') < comparableSequencer('100')).toBe(true);
    expect(comparableSequencer('0062E99A88DC407460') > comparableSequencer('0062E99A88DC40745F')).toBe(true);
  });
});
