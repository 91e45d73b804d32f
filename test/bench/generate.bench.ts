/**
 * Kit generation benchmark (issue 3): generateKit for plans of 10, 100 and 1,000 workloads, against
 * the floor of serializing the same output (JSON.stringify for dashboards, yaml for the rest).
 * Budget: linear growth, and the 1,000-workload run at most 5× the floor. Run: `pnpm bench:kit`.
 */
import { sizePlan, validatePlan } from '@headroom/model';
import { generateKit } from '@headroom/observe';
import { parseAllDocuments, stringify } from 'yaml';
import { syntheticPlan } from './plans.ts';
import { ms, time } from './stats.ts';

console.log(`node ${process.version}, ${process.arch}`);
console.log('workloads  files  bytes       generate median/p95     serialize floor median   ratio   per workload');
let perWorkload10 = 0;
for (const count of [10, 100, 1000]) {
  const validated = validatePlan(syntheticPlan(count));
  if (!validated.ok) throw validated.error;
  const sizing = sizePlan(validated.plan);
  const files = generateKit(validated.plan, sizing);
  const bytes = files.reduce((n, f) => n + f.contents.length, 0);
  // The same content as data, so the floor serializes exactly what the generators wrote.
  const data = files.map((f) => (f.path.endsWith('.json') ? { json: JSON.parse(f.contents) as unknown } : { yaml: parseAllDocuments(f.contents).map((d) => d.toJS()) as unknown[] }));
  const runs = count >= 1000 ? 5 : count >= 100 ? 20 : 50;
  const generate = time(() => generateKit(validated.plan, sizing), runs, 2);
  const floor = time(() => data.map((d) => ('json' in d ? JSON.stringify(d.json, null, 2) : d.yaml.map((doc) => stringify(doc, { lineWidth: 0 })).join('---\n'))), runs, 2);
  const perWorkload = generate.medianMs / count;
  if (count === 10) perWorkload10 = perWorkload;
  console.log(`${String(count).padStart(9)}  ${String(files.length).padStart(5)}  ${String(bytes).padStart(10)}  ${`${ms(generate.medianMs)} / ${ms(generate.p95Ms)}`.padEnd(22)}  ${ms(floor.medianMs).padEnd(23)}  ${(generate.medianMs / floor.medianMs).toFixed(2)}x   ${perWorkload.toFixed(2)} ms (${(perWorkload / perWorkload10).toFixed(2)}x the 10-workload cost)`);
}
