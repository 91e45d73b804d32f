import { describe, expect, it } from 'vitest';
import { dnsName, isDnsLabel, slug } from './names.ts';

describe('dnsName', () => {
  it('joins parts into a DNS-1123 label', () => {
    expect(dnsName(['headroom', 'chat-assistant', 'plan'])).toBe('headroom-chat-assistant-plan');
    expect(slug('Chat_Assistant Overview.json')).toBe('chat-assistant-overview-json');
    expect(dnsName(['headroom', '--A__b--', ''])).toBe('headroom-a-b');
  });
  it('cuts long names to 63 characters with a hash that keeps them distinct and stable', () => {
    const plan = 'p'.repeat(63);
    const a = dnsName(['headroom', plan, 'exporter']);
    const b = dnsName(['headroom', plan, 'plan']);
    expect(a).toHaveLength(63);
    expect(isDnsLabel(a) && isDnsLabel(b)).toBe(true);
    expect(a).not.toBe(b);
    expect(dnsName(['headroom', plan, 'exporter'])).toBe(a);
  });
  it('honours a shorter maximum', () => {
    const name = dnsName(['x'.repeat(30), 'y'.repeat(30)], 40);
    expect(name.length).toBeLessThanOrEqual(40);
    expect(isDnsLabel(name, 40)).toBe(true);
  });
  it('never ends a cut name with a dash', () => {
    const name = dnsName(['a'.repeat(53), 'b'.repeat(20)]);
    expect(isDnsLabel(name)).toBe(true);
  });
});
