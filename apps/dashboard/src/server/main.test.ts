import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { describe, expect, test } from 'vitest';
import { APP_ROOT } from '../build/front-end-build';

function runMain(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const environment = { ...process.env };
  delete environment.OPENAI_ADMIN_KEY;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@usagekit/source', '--import', 'tsx', 'src/server/main.ts', ...args],
      { cwd: APP_ROOT, env: environment, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

describe('main', () => {
  test('a port in use is one line on stderr and exit code 2', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const { code, stderr } = await runMain(['--port', String(port), '--no-build']);
      expect(code).toBe(2);
      expect(stderr).toBe(
        `Port ${port} on 127.0.0.1 is already in use; pick another with --port, or --port 0\n`,
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
