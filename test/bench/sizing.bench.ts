/**
 * Sizing benchmark (issue 2): validating and sizing plans of 10, 100 and 1,000 workloads in-process.
 * Budget: sizing a 1,000-workload plan under 20 ms. Run: `pnpm bench`. Prints figures; asserts nothing.
 */
import { sizePlan, validatePlan } from '@headroom/model';
import { syntheticPlan } from './plans.ts';
import { ms, time } from './stats.ts';

const BUDGET_MS = 20;
console.log(`node ${process.version}, ${process.arch}`);
console.log('workloads  validate median/p95       size median/p95        size per workload');
for (const count of [10, 100, 1000]) {
  const data = syntheticPlan(count);
  const validated = validatePlan(data);
  if (!validated.ok) throw validated.error;
  const runs = count >= 1000 ? 50 : 200;
  const validate = time(() => validatePlan(data), runs);
  const size = time(() => sizePlan(validated.plan), runs);
  console.log(`${String(count).padStart(9)}  ${`${ms(validate.medianMs)} / ${ms(validate.p95Ms)}`.padEnd(24)} ${`${ms(size.medianMs)} / ${ms(size.p95Ms)}`.padEnd(22)} ${((size.medianMs * 1000) / count).toFixed(1)} µs`);
  if (count === 1000) console.log(`\nsizing 1,000 workloads: median ${ms(size.medianMs)} against a budget of ${BUDGET_MS} ms: ${size.medianMs <= BUDGET_MS ? 'within budget' : 'OVER BUDGET'}`);
}
