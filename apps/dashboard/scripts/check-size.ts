import {
  BUNDLE_LIMIT_BYTES,
  buildFrontEnd,
  formatBundleReport,
  measureBundle,
} from '../src/build/front-end-build';

await buildFrontEnd();
const measurement = await measureBundle();
console.log('Dashboard production bundle:');
console.log(formatBundleReport(measurement));
if (measurement.gzipBytes > BUNDLE_LIMIT_BYTES) {
  console.error('The bundle is over the 250 KB gzipped budget.');
  process.exitCode = 1;
}
