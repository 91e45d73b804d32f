/**
 * Hand-written promtool tests of issue 14's failure scenarios (test/integration/scenarios/), run by
 * the real promtool against the committed rule files: a finished model download, kube-state-metrics
 * down, two copies of the plan series during a rollout, a crash loop.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const dir = resolve(import.meta.dirname, 'scenarios');

describe('failure scenarios under promtool', () => {
  it('chat-assistant: each scenario raises what it should and nothing it should not', async () => {
    const { stdout } = await promisify(execFile)('promtool', ['test', 'rules', 'chat-assistant.scenarios.test.yaml'], { cwd: dir, timeout: 30_000 })
      .catch((error: { stdout?: string; stderr?: string }) => { throw new Error(`promtool failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`); });
    expect(stdout).toMatch(/SUCCESS/);
  });
});
