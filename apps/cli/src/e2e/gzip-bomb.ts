import { constants, createGzip } from 'node:zlib';

const MIB = 1024 * 1024;

/**
 * A gzip body that inflates to a page holding `inflatedMib` MiB of JSON whitespace, built by
 * streaming so the test process never holds the inflated text (300 MiB gives about 300 KB).
 *
 * @param inflatedMib The size once inflated. @unit MiB
 *
 * @returns The compressed body.
 */
export async function gzipBomb(inflatedMib: number): Promise<Buffer> {
  const gzip = createGzip({ level: constants.Z_BEST_COMPRESSION });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  gzip.write('{"object":"page","data":[');
  const spaces = Buffer.alloc(MIB, ' ');
  for (let index = 0; index < inflatedMib; index += 1) gzip.write(spaces);
  gzip.end('],"has_more":false,"next_page":null}');
  await done;
  return Buffer.concat(chunks);
}
