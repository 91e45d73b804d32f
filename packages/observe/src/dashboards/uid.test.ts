import { describe, expect, it } from 'vitest';
import { dashboardUid, MAX_UID_LENGTH } from './uid.ts';

describe('dashboardUid', () => {
  it('joins short names as they are', () => {
    expect(dashboardUid('rag', 'generator')).toBe('rag_generator');
  });

  it('replaces characters Grafana does not allow', () => {
    expect(dashboardUid('plan.v2', 'a b_c')).toBe('plan-v2_a-b-c');
  });

  it('cuts long names to 40 characters with a stable hash of the whole', () => {
    const a = dashboardUid('a-very-long-plan-name-for-a-capacity-plan', 'generator');
    const b = dashboardUid('a-very-long-plan-name-for-a-capacity-plan', 'embedder');
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(a.length).toBeLessThanOrEqual(MAX_UID_LENGTH);
    expect(a).not.toBe(b);
    expect(a).toBe(dashboardUid('a-very-long-plan-name-for-a-capacity-plan', 'generator'));
    expect(a.startsWith('a-very-long-plan-name-for-a')).toBe(true);
  });

  it('keeps plan and workload apart: a-b + c is not a + b-c', () => {
    expect(dashboardUid('a-b', 'c')).not.toBe(dashboardUid('a', 'b-c'));
    const long = 'x'.repeat(40);
    expect(dashboardUid(`${long}-a`, 'b-c')).not.toBe(dashboardUid(long, 'a-b-c'));
  });
});
