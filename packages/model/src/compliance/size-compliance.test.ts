import { describe, expect, it } from 'vitest';
import { sizeCompliance } from './size-compliance.ts';

describe('compliance sizing', () => {
  it('PCI DSS keeps audit logs 12 months (v4.0 requirement 10.5.1) and needs dedicated nodes', () => {
    const c = sizeCompliance({ frameworks: ['pci-dss'], auditEventsPerSecond: 200, auditEventBytes: 1024 });
    expect(c.auditLogRetentionSeconds).toBe(365 * 86400);
    expect(c.auditLogBytes).toBe(200 * 1024 * 365 * 86400);
    expect(c.dedicatedNodes).toBe(true);
    expect(c.encryptionAtRest).toBe(true);
    expect(c.requirements.every((r) => r.citation.length > 10)).toBe(true);
  });

  it('HIPAA keeps six years (45 CFR 164.316(b)(2)(i)); the longest retention in scope wins', () => {
    const c = sizeCompliance({ frameworks: ['pci-dss', 'hipaa'], auditEventsPerSecond: 1, auditEventBytes: 1 });
    expect(c.auditLogRetentionSeconds).toBe(6 * 365 * 86400);
    expect(c.frameworks).toEqual(['hipaa', 'pci-dss']);
  });

  it('without a framework, keeps 90 days and asks for no controls', () => {
    const c = sizeCompliance({ frameworks: [], auditEventsPerSecond: 10, auditEventBytes: 100 });
    expect(c.auditLogRetentionSeconds).toBe(90 * 86400);
    expect(c.dedicatedNodes).toBe(false);
    expect(c.requirements).toEqual([]);
  });
});
