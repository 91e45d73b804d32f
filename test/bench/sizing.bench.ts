/**
 * Sizing benchmark (issue 2): validating and sizing plans of 10, 100 and 1,000 workloads in-process.
 * Run: `pnpm bench`. Prints figures; asserts nothing.
 *
 * Budget: sizing a 1,000-workload plan in at most 20 ms on the machine the budget was set on, and,
 * on any machine, at most FLOOR_BUDGET times the floor measured in the same run: a JSON round trip
 * of the same validated plan (every value read and a copy of the plan allocated, the least any pass
 * over the plan costs). FLOOR_BUDGET carries the 20 ms budget's allowance over the code it was set
 * for (20 / 14.1 ms = 1.42x) onto that code's ratio to the floor (4.3-4.6x, measured on one machine):
 * 6x. docs/benchmarks.md records both, and how they were derived.
 */
import { sizePlan, validatePlan } from '@headroom/model';
import { syntheticPlan } from './plans.ts';
import { ms, time } from './stats.ts';

const BUDGET_MS = 20;
const FLOOR_BUDGET = 6;
console.log(`node ${process.version}, ${process.arch}`);
console.log('workloads  validate median/p95       size median/p95        size per workload  floor median  size / floor');
for (const count of [10, 100, 1000]) {
  const data = syntheticPlan(count);
  const validated = validatePlan(data);
  if (!validated.ok) throw validated.error;
  const runs = count >= 1000 ? 50 : 200;
  const validate = time(() => validatePlan(data), runs);
  const size = time(() => sizePlan(validated.plan), runs);
  const floor = time(() => JSON.parse(JSON.stringify(validated.plan)), runs);
  console.log(`${String(count).padStart(9)}  ${`${ms(validate.medianMs)} / ${ms(validate.p95Ms)}`.padEnd(24)} ${`${ms(size.medianMs)} / ${ms(size.p95Ms)}`.padEnd(22)} ${`${((size.medianMs * 1000) / count).toFixed(1)} µs`.padEnd(18)} ${ms(floor.medianMs).padEnd(13)} ${(size.medianMs / floor.medianMs).toFixed(2)}x`);
  if (count === 1000) {
    const ratio = size.medianMs / floor.medianMs;
    console.log(`\nsizing 1,000 workloads: median ${ms(size.medianMs)} (absolute budget ${BUDGET_MS} ms, set on an earlier machine: ${size.medianMs <= BUDGET_MS ? 'within' : 'over'})`);
    console.log(`against the floor measured in this run: ${ratio.toFixed(2)}x, budget ${FLOOR_BUDGET}x: ${ratio <= FLOOR_BUDGET ? 'within budget' : 'OVER BUDGET'}`);
  }
}
