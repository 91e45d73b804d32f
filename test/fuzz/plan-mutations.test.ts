/**
 * Fuzzing plan text (issue 13): fast-check applies structural YAML mutations to the bundled presets
 * (duplicated lines and keys, anchors and aliases, undefined, recursive and bomb aliases, deep
 * nesting, huge scalars, truncation, encodings: BOM, NUL, lone surrogates, UTF-16 read as UTF-8,
 * CRLF, tabs; extreme numbers) and feeds each through the CLI's parse path (parsePlan, sizePlan,
 * implausibleFigures) and the calculator's (evaluatePlan and the form's readPlanDocument). Every
 * case must end as a named plan error (an issue with a message) or a sizing; nothing may throw.
 * The slowest case is printed: the limits bound the time of each.
 */
import { implausibleFigures, parsePlan, planPresets, sizePlan } from '@headroom/model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../apps/web/src/state/evaluate-plan.ts';
import { readPlanDocument } from '../../apps/web/src/form/plan-document.ts';

type Mutation = (text: string) => string;

const lines = (text: string) => text.split('\n');
const at = (text: string, fraction: number) => Math.floor(fraction * text.length);

/** One mutation, with its parameters drawn by fast-check. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map((f): Mutation => (t) => {
    const all = lines(t);
    const i = Math.floor(f * all.length);
    return [...all.slice(0, i + 1), all[i] ?? '', ...all.slice(i + 1)].join('\n');
  }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((f): Mutation => (t) => t.slice(0, at(t, f))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 5000 }), fc.constantFrom('[', '{', '- ', '  ')).map(([f, n, open]): Mutation => (t) => {
    const i = at(t, f);
    const close = open === '[' ? ']' : open === '{' ? '}' : '';
    return `${t.slice(0, i)}${open.repeat(n)}x${close.repeat(n)}${t.slice(i)}`;
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 3_000_000 })).map(([f, n]): Mutation => (t) => {
    const i = at(t, f);
    return `${t.slice(0, i)}${'x'.repeat(n)}${t.slice(i)}`;
  }),
  fc.constantFrom<Mutation>(
    (t) => `\uFEFF${t}`,
    (t) => t.replace(/\n/g, '\r\n'),
    (t) => t.replace(/^ {2}/gm, '\t'),
    (t) => t.replace('headroom/v1', 'headroom/v1\u0000'),
    (t) => t.replace('name:', 'name\uD800:'),
    (t) => Buffer.from(t, 'utf16le').toString('latin1'),
    (t) => `${t}\n${t}`,
    (t) => t.replace(/peakRequestsPerSecond: [^,}\n]+/, 'peakRequestsPerSecond: 1e308'),
    (t) => t.replace(/peakRequestsPerSecond: [^,}\n]+/, 'peakRequestsPerSecond: .nan'),
    (t) => t.replace(/workloads:/, 'workloads: *nothing\n  other:'),
    (t) => t.replace(/spec:/, 'spec: &loop\n  self: *loop\n  x:'),
    (t) => t.replace(/metadata:/, 'metadata: &m')
      .replace(/\nspec:/, `\nbomb: ${Array.from({ length: 6 }, (_, i) => `&b${i} [${Array(10).fill(i === 0 ? 'x' : `*b${i - 1}`).join(', ')}]`).join('\nb2: ')}\nspec:`),
    (t) => t.replace(/(name: [a-z-]+)/, '$1\n    name: again'),
    (t) => t.replace(/kind: CapacityPlan/, 'kind: !!binary Q2FwYWNpdHlQbGFu'),
    (t) => t.replace(/workloads:/, 'workloads: !custom'),
    (t) => t + '\n'.repeat(60_000),
  ),
);

const cases = fc.tuple(fc.constantFrom(...planPresets.map((p) => p.yaml)), fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([yaml, mutations]) => mutations.reduce((text, mutate) => mutate(text), yaml));

function expectNamedError(issues: readonly { message: string }[]): void {
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) expect(issue.message).toMatch(/\S/);
}

describe('structural fuzzing of plan text', () => {
  it('ends every mutated preset as a named plan error or a sizing, through the CLI and the calculator parse paths', () => {
    let slowest = { ms: 0, bytes: 0 };
    let refused = 0;
    let sized = 0;
    fc.assert(fc.property(cases, (text) => {
      const started = performance.now();
      const parsed = parsePlan(text, 'fuzz.yaml');
      if (parsed.ok) {
        const sizing = sizePlan(parsed.plan);
        expect(sizing.workloads).toHaveLength(parsed.plan.spec.workloads.length);
        implausibleFigures(sizing);
        sized++;
      } else {
        expectNamedError(parsed.error.issues);
        refused++;
      }
      const evaluation = evaluatePlan(text);
      if (!evaluation.ok) expectNamedError(evaluation.issues);
      const form = readPlanDocument(text);
      if (!form.ok) expect(form.problem.message).toMatch(/\S/);
      const ms = performance.now() - started;
      if (ms > slowest.ms) slowest = { ms, bytes: text.length };
    }), { numRuns: 150, seed: 13 });
    console.log(`[fuzz] 150 mutated presets: ${refused} refused with named errors, ${sized} sized; slowest case ${Math.round(slowest.ms)} ms (${slowest.bytes} characters) through both parse paths`);
    expect(refused).toBeGreaterThan(0);
  });
});
