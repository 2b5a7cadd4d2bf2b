import { DAY_SECONDS } from '../utc-day';
import { meteredPricing, numberOr0 } from './metered-pricing';

/** Bytes in one GiB: vector storage is priced per GiB-day (OpenAI's "GB"). */
export const GIB = 1024 ** 3;

/** Byte-seconds in one GiB-day. */
const BYTE_SECONDS_PER_GIB_DAY = GIB * DAY_SECONDS;

/**
 * Vector storage: `usage_bytes` is a level (bytes held), so it is priced on byte-time, the bytes
 * held × the seconds they were held, in GiB-days: cost = usage_bytes × bucket seconds / 86,400 /
 * 2³⁰ × the price per GiB-day. 24 hourly buckets then price like one daily bucket holding their
 * average, and a roll-up row prices from its `usage_bytes_seconds` whatever its length (a row
 * without it is taken as its `usage_bytes` held over the whole row).
 */
export const vectorStoragePricing = meteredPricing({
  endpoint: 'vector_stores',
  units: ['gb_days'],
  metrics: ['usage_bytes'],
  level: { metric: 'usage_bytes', timeMetric: 'usage_bytes_seconds' },
  wholeUnits: false,
  accumulate(result, sums, offset, periodSeconds) {
    const byteSeconds = result.usage_bytes_seconds;
    sums[offset] =
      (sums[offset] as number) +
      (typeof byteSeconds === 'number'
        ? byteSeconds
        : numberOr0(result.usage_bytes) * periodSeconds);
  },
  decompose(sums, out) {
    out[0] = (sums[0] as number) / BYTE_SECONDS_PER_GIB_DAY;
  },
});
