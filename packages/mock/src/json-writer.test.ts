import { describe, expect, test } from 'vitest';
import { JsonWriter, jsonBytes } from './json-writer';

const decoder = new TextDecoder();

function written(write: (writer: JsonWriter) => void): string {
  const writer = new JsonWriter();
  write(writer);
  return decoder.decode(writer.copy());
}

describe('JsonWriter', () => {
  test('writes numbers exactly as JSON.stringify does', () => {
    const values = [
      0,
      7,
      9,
      10,
      99,
      100,
      123_456_789,
      2 ** 31 - 1,
      2 ** 31,
      2 ** 32 + 5,
      1e15,
      999_999_999_999_999,
      1e16,
      Number.MAX_SAFE_INTEGER,
      0.5,
      1.25e-7,
      -3,
      -0.75,
      1e21,
      2 ** 60,
    ];
    for (const value of values) {
      expect(written((writer) => writer.number(value))).toBe(JSON.stringify(value));
    }
  });

  test('copies pre-encoded UTF-8 (escaped untrusted text) and grows past its first buffer', () => {
    const name = JSON.stringify('Zoë "<b>" \u2028 =SUM(A1)');
    const chunk = jsonBytes(`,"name":${name}`);
    const text = written((writer) => {
      writer.byte(123);
      writer.ascii('"id":1');
      for (let index = 0; index < 5_000; index++) writer.bytes(chunk);
      writer.byte(125);
    });
    expect(text.length).toBeGreaterThan(64 * 1024);
    expect(text.startsWith(`{"id":1,"name":${name}`)).toBe(true);
    expect(() => JSON.parse(text.replaceAll(`,"name":${name}`, ''))).not.toThrow();
  });

  test('copies what was written since the last reset, independent of later writes', () => {
    const writer = new JsonWriter();
    writer.ascii('[1,');
    writer.reset();
    writer.ascii('{"a":2}');
    const part = writer.copy();
    writer.reset();
    writer.ascii('xxxxxxxxxxxx');
    expect(decoder.decode(part)).toBe('{"a":2}');
  });
});
