import { hash32 } from './hash';

const PREFIX = 'page_';
const VERSION = 1;
const LENGTH = 13;

function writeUint32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = (value >>> 24) & 0xff;
  bytes[offset + 1] = (value >>> 16) & 0xff;
  bytes[offset + 2] = (value >>> 8) & 0xff;
  bytes[offset + 3] = value & 0xff;
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    (((bytes[offset] as number) << 24) |
      ((bytes[offset + 1] as number) << 16) |
      ((bytes[offset + 2] as number) << 8) |
      (bytes[offset + 3] as number)) >>>
    0
  );
}

/**
 * Encodes a page position as an opaque `next_page` cursor: `page_` + base64 of a version, the next
 * bucket's start, a fingerprint of the query and a check value, so a cursor from another query or
 * an edited one is rejected.
 *
 * @param secret The mock's 32-bit secret.
 * @param fingerprint The query fingerprint.
 * @param bucketStart Start of the first bucket of the next page. @unit Unix seconds
 *
 * @returns The cursor.
 */
export function encodeCursor(secret: number, fingerprint: number, bucketStart: number): string {
  const bytes = new Uint8Array(LENGTH);
  bytes[0] = VERSION;
  writeUint32(bytes, 1, bucketStart);
  writeUint32(bytes, 5, fingerprint);
  writeUint32(bytes, 9, hash32(secret, bucketStart, fingerprint, VERSION));
  return PREFIX + btoa(String.fromCharCode(...bytes));
}

/**
 * Decodes a cursor made by {@link encodeCursor} for the same query.
 *
 * @param secret The mock's 32-bit secret.
 * @param fingerprint The fingerprint of the query the cursor is sent with.
 * @param cursor The `page` parameter.
 *
 * @returns The bucket start it points at, or `undefined` when it is forged, damaged or belongs to
 *   another query.
 */
export function decodeCursor(
  secret: number,
  fingerprint: number,
  cursor: string,
): number | undefined {
  if (!cursor.startsWith(PREFIX)) return undefined;
  let binary: string;
  try {
    binary = atob(cursor.slice(PREFIX.length));
  } catch {
    return undefined;
  }
  if (binary.length !== LENGTH) return undefined;
  const bytes = new Uint8Array(LENGTH);
  for (let index = 0; index < LENGTH; index++) bytes[index] = binary.charCodeAt(index);
  if (bytes[0] !== VERSION) return undefined;
  const bucketStart = readUint32(bytes, 1);
  if (readUint32(bytes, 5) !== fingerprint) return undefined;
  if (readUint32(bytes, 9) !== hash32(secret, bucketStart, fingerprint, VERSION)) return undefined;
  return bucketStart;
}
