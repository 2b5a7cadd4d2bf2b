import { createUsageData } from '../src/server/usage-data';
const started = performance.now();
const data = createUsageData({ onProgress: (p) => { if (p.done % 100 === 0) console.error(p.done, p.total, p.label, ((performance.now()-started)/1000).toFixed(1)); } });
await data.load();
console.log(data.status(), ((performance.now()-started)/1000).toFixed(1), 's', process.memoryUsage().rss/1e6, 'MB');
const q = { view: 'overview', range: '30d', by: 'model', grain: 'day', tz: 'UTC', metric: 'spend', top: 8 } as const;
for (const name of ['overview','timeseries','top','reconciliation','endpoints'] as const) {
  const t = performance.now();
  const r = (data as any)[name](q);
  console.log(name, (performance.now()-t).toFixed(1), 'ms', JSON.stringify(r).slice(0, 300));
}
