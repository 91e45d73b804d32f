/** The command-line flags that raise the model's structural plan limits (docs/plan.md, "Limits"). */
import { defaultPlanLimits, type PlanLimitName, type PlanLimits } from '@headroom/model';
import { CliError } from './errors.ts';

export const limitFlags: Readonly<Record<PlanLimitName, string>> = {
  planBytes: '--max-plan-bytes',
  planLines: '--max-plan-lines',
  nestingDepth: '--max-nesting-depth',
  aliases: '--max-aliases',
  expandedNodes: '--max-expanded-nodes',
  workloads: '--max-workloads',
  nodePools: '--max-node-pools',
};

/** parseArgs option declarations for every limit flag. */
export const limitOptions = Object.fromEntries(
  Object.values(limitFlags).map((flag) => [flag.slice(2), { type: 'string' as const }]),
) as Record<string, { type: 'string' }>;

/** The overrides given on the command line; a value that is not a whole number of at least 1 is a usage error. */
export function limitsFromFlags(values: Record<string, unknown>): Partial<PlanLimits> {
  const limits: Partial<PlanLimits> = {};
  for (const [name, flag] of Object.entries(limitFlags) as [PlanLimitName, string][]) {
    const text = values[flag.slice(2)];
    if (typeof text !== 'string') continue;
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1) {
      throw new CliError(`${flag} must be a whole number of at least 1 (got "${text}"; default ${defaultPlanLimits[name]})`, 2);
    }
    limits[name] = value;
  }
  return limits;
}

export const limitsUsage = `plan limits (defaults in docs/plan.md; raise one for an unusually large plan):
  ${Object.entries(limitFlags).map(([name, flag]) => `${flag} N (default ${defaultPlanLimits[name as PlanLimitName]})`).join('\n  ')}`;
