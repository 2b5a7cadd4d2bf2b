import { describe, expect, test } from 'vitest';
import { BucketSequence, type TimeSpan } from './bucket-sequence';

const DAY = 86_400;
const JAN_1 = 1_767_225_600;

function day(index: number, label = ''): TimeSpan & { label: string } {
  return { start_time: JAN_1 + index * DAY, end_time: JAN_1 + (index + 1) * DAY, label };
}

const window = { start_time: JAN_1, end_time: JAN_1 + 10 * DAY };

describe('BucketSequence', () => {
  test('keeps an honest chain as it is, with no drift', () => {
    const sequence = new BucketSequence(window);
    expect(sequence.addPage([day(0), day(1)])).toEqual({ buckets: [day(0), day(1)], drift: [] });
    expect(sequence.addPage([day(2)]).drift).toEqual([]);
    expect(sequence.buckets()).toEqual([day(0), day(1), day(2)]);
  });

  test('a repeated bucket is kept once, the first copy winning, and reported with its path', () => {
    const sequence = new BucketSequence<ReturnType<typeof day>>(window);
    sequence.addPage([day(0, 'first'), day(1)]);
    const second = sequence.addPage([day(1, 'again'), day(0, 'second'), day(2)]);
    expect(second.buckets).toEqual([day(2)]);
    expect(second.drift).toEqual([
      { kind: 'duplicate_bucket', key: 'data', path: 'pages[1].data[0]', count: 2 },
    ]);
    expect(sequence.buckets().map((bucket) => bucket.label)).toEqual(['first', '', '']);
  });

  test('an overlapping bucket is dropped, never double-counted', () => {
    const sequence = new BucketSequence(window);
    sequence.addPage([day(0), day(1)]);
    const half = { start_time: JAN_1 + DAY / 2, end_time: JAN_1 + DAY + DAY / 2, label: '' };
    const wide = { start_time: JAN_1 - DAY, end_time: JAN_1 + 3 * DAY, label: '' };
    const checked = sequence.addPage([half, wide], 'requests[3]');
    expect(checked.buckets).toEqual([]);
    expect(checked.drift).toEqual([
      { kind: 'overlapping_bucket', key: 'data', path: 'requests[3].data[0]', count: 2 },
    ]);
  });

  test('buckets outside the window are dropped; ones overlapping its edge stay', () => {
    const sequence = new BucketSequence({ start_time: JAN_1 + DAY / 2, end_time: JAN_1 + 3 * DAY });
    const checked = sequence.addPage([day(-1), day(0), day(2), day(3), day(40)]);
    expect(checked.buckets).toEqual([day(0), day(2)]);
    expect(checked.drift).toEqual([
      { kind: 'bucket_outside_window', key: 'data', path: 'pages[0].data[0]', count: 3 },
    ]);
  });

  test('out-of-order buckets and pages are reported, and buckets() is in time order', () => {
    const sequence = new BucketSequence(window);
    expect(sequence.addPage([day(5), day(3)]).drift).toEqual([
      { kind: 'bucket_out_of_order', key: 'data', path: 'pages[0].data[1]', count: 1 },
    ]);
    expect(sequence.addPage([day(1), day(2)]).drift).toEqual([
      { kind: 'page_out_of_order', key: 'data', path: 'pages[1].data[0]', count: 1 },
    ]);
    expect(sequence.buckets()).toEqual([day(1), day(2), day(3), day(5)]);
  });

  test('without a window nothing is outside', () => {
    const sequence = new BucketSequence();
    expect(sequence.addPage([day(-400), day(4000)]).buckets).toHaveLength(2);
  });
});
