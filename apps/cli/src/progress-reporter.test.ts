import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { createProgressReporter } from './progress-reporter';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => {
    text += chunk;
  });
  return { stream, text: () => text };
}

describe('createProgressReporter', () => {
  test('draws requests done of planned and retries, throttled, and clears at the end', () => {
    const output = capture();
    let now = 0;
    const reporter = createProgressReporter(output.stream, true, () => now);
    reporter.update({ planned: 10, done: 1, retries: 0 });
    now = 50;
    reporter.update({ planned: 10, done: 2, retries: 0 });
    now = 200;
    reporter.update({ planned: 12, done: 5, retries: 2 });
    reporter.finish();
    expect(output.text()).toContain('fetching: 1/10 requests');
    expect(output.text()).not.toContain('2/10');
    expect(output.text()).toContain('fetching: 5/12 requests, 2 retries');
    expect(output.text().endsWith('\r\u001b[2K')).toBe(true);
  });

  test('writes nothing when disabled (not a TTY, or --quiet)', () => {
    const output = capture();
    const reporter = createProgressReporter(output.stream, false);
    reporter.update({ planned: 1, done: 1, retries: 0 });
    reporter.finish();
    expect(output.text()).toBe('');
  });
});
