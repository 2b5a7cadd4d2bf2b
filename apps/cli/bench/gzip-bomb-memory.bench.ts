// Peak memory of the command (bundled, under plain Node) when a server answers with a gzip body
// that inflates to 300 MiB, next to the same command's floor: its modules loaded against a
// server that never answers. Target (issue #18): at most 200 MB peak RSS.
// Run: pnpm --filter usagekit bench:memory
import { bundleCommand } from '../src/e2e/bundled-command';
import { gzipBomb } from '../src/e2e/gzip-bomb';
import { startLocalServer } from '../src/e2e/local-server';

const RANGE = ['--since', '2025-03-08', '--until', '2025-03-10', '--retries', '0'];
const env = {
  OPENAI_ADMIN_KEY: 'sk-admin-bench-0123456789abcdefghij',
  USAGEKIT_NOW: '2025-03-15T12:00:00Z',
};

const body = await gzipBomb(300);
const bomb = await startLocalServer((_message, reply) => {
  reply.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
  reply.end(body);
});
const silent = await startLocalServer(() => {});
const bundled = await bundleCommand();
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
try {
  const floor = await bundled.run(['costs', ...RANGE, '--timeout', '1'], {
    ...env,
    OPENAI_BASE_URL: silent.baseURL,
  });
  const peaks: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    const run = await bundled.run(['costs', ...RANGE], { ...env, OPENAI_BASE_URL: bomb.baseURL });
    if (run.code !== 5) throw new Error(`expected exit 5, got ${run.code}: ${run.stderr}`);
    peaks.push(run.maxRssBytes);
  }
  const worst = Math.max(...peaks);
  console.log(`floor (modules loaded, no answer)  ${megabytes(floor.maxRssBytes)}`);
  console.log(`300 MiB gzip body, 3 runs          ${peaks.map(megabytes).join(', ')}`);
  console.log(`target peak <= 200 MB: ${worst <= 200e6 ? 'met' : 'NOT met'}`);
} finally {
  await Promise.all([bundled.dispose(), bomb.close(), silent.close()]);
}
