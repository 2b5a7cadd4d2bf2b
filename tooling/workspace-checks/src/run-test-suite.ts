/**
 * The root `pnpm test`: lint, typecheck and every vitest project, in that order. Every step runs
 * even when an earlier one fails, so one run shows everything that is wrong; the exit code is
 * non-zero when any step fails. The outcome is written to `.test-summary.json`, from which
 * `.ci/run` prints its closing line. Extra arguments go to vitest (`pnpm test -- --project x`).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootBinary, workspaceRoot } from './workspace';

/** How one step of the suite ended. */
interface StepOutcome {
  readonly name: string;
  readonly exitCode: number;
  readonly durationMs: number;
}

/** The parts of vitest's JSON report that the summary reads. */
interface VitestJsonReport {
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly numPendingTests: number;
  readonly numTodoTests: number;
  readonly testResults: readonly {
    readonly name: string;
    readonly status: string;
    readonly assertionResults: readonly { readonly status: string }[];
  }[];
}

const vitestReportPath = join(workspaceRoot, '.vitest.json');
const summaryPath = join(workspaceRoot, '.test-summary.json');

function runStep(name: string, command: string, args: readonly string[]): Promise<StepOutcome> {
  const startedAt = performance.now();
  console.log(`\n▶ ${name}: ${[command.replace(`${workspaceRoot}/`, ''), ...args].join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: workspaceRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
    });
    const finish = (exitCode: number) =>
      resolve({ name, exitCode, durationMs: Math.round(performance.now() - startedAt) });
    child.on('error', (error) => {
      console.error(`${name} could not start: ${error.message}`);
      finish(127);
    });
    child.on('close', (exitCode, signal) => finish(exitCode ?? (signal === null ? 1 : 128)));
  });
}

function readVitestReport(): VitestJsonReport | undefined {
  if (!existsSync(vitestReportPath)) return undefined;
  try {
    return JSON.parse(readFileSync(vitestReportPath, 'utf8')) as VitestJsonReport;
  } catch {
    return undefined;
  }
}

rmSync(vitestReportPath, { force: true });
rmSync(summaryPath, { force: true });

const lint = await runStep('lint', rootBinary('biome'), ['check', '.']);
const typecheck = await runStep('typecheck', rootBinary('turbo'), [
  'run',
  'typecheck',
  '--output-logs=errors-only',
]);
const vitest = await runStep('vitest', rootBinary('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile=.vitest.json',
  ...process.argv.slice(2).filter((argument, index) => !(index === 0 && argument === '--')),
]);

// Lint and typecheck count as one check each; a test file that failed to load (no failed test
// inside) counts as one failure; so does a vitest run that failed without any of those.
const report = readVitestReport();
const brokenFiles =
  report?.testResults.filter(
    (file) =>
      file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  ) ?? [];
const checks = [lint, typecheck];
const failedChecks = checks.filter((step) => step.exitCode !== 0).length;
const failedTests = (report?.numFailedTests ?? 0) + brokenFiles.length;
// A vitest run that failed with nothing failing in its report (a crash, an unhandled error).
const unexplainedVitestFailure = vitest.exitCode !== 0 && failedTests === 0 ? 1 : 0;
const failed = failedChecks + failedTests + unexplainedVitestFailure;
const passed = checks.length - failedChecks + (report?.numPassedTests ?? 0);
const skipped = (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);
const steps = [lint, typecheck, vitest];
const summary = {
  passed,
  failed,
  skipped,
  steps,
  brokenFiles: brokenFiles.map((file) => file.name),
};

const temporaryPath = `${summaryPath}.${process.pid}.tmp`;
writeFileSync(temporaryPath, `${JSON.stringify(summary, null, 2)}\n`);
renameSync(temporaryPath, summaryPath);

console.log('\nusagekit test suite');
for (const step of steps) {
  const seconds = (step.durationMs / 1000).toFixed(1);
  console.log(`  ${step.exitCode === 0 ? 'ok    ' : 'FAILED'} ${step.name} (${seconds} s)`);
}
for (const file of brokenFiles) {
  console.log(`  FAILED to load ${file.name.replace(`${workspaceRoot}/`, '')}`);
}
console.log(
  `  vitest: ${report?.numPassedTests ?? 0} passed, ${report?.numFailedTests ?? 0} failed, ${skipped} skipped`,
);
process.exitCode = failed > 0 ? 1 : 0;
