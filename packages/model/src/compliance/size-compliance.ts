/** Compliance: audit-log retention and storage, and the controls the frameworks require of nodes. */
import { Trail } from '../sizing/explain.ts';
import type { ComplianceSizing } from '../sizing/types.ts';
import { SECONDS_PER_DAY } from '../units.ts';

type Framework = 'pci-dss' | 'hipaa';

const retentionDays: Record<Framework, { days: number; citation: string }> = {
  'pci-dss': { days: 365, citation: 'PCI DSS v4.0 Requirement 10.5.1: retain audit log history for at least 12 months, the most recent three months immediately available for analysis.' },
  hipaa: { days: 6 * 365, citation: 'HIPAA 45 CFR §164.316(b)(2)(i): retain required documentation for six years from creation or last effective date.' },
};

const controls: Record<Framework, { requirement: string; citation: string }[]> = {
  'pci-dss': [
    { requirement: 'Dedicated nodes (segmented from out-of-scope workloads)', citation: 'PCI SSC, "Guidance for PCI DSS Scoping and Network Segmentation" (2016): shared hosts bring every co-located workload into scope.' },
    { requirement: 'Encryption at rest for stored account data', citation: 'PCI DSS v4.0 Requirement 3.5.1: PAN is rendered unreadable anywhere it is stored.' },
  ],
  hipaa: [
    { requirement: 'Encryption at rest for ePHI', citation: 'HIPAA 45 CFR §164.312(a)(2)(iv): encryption and decryption (addressable implementation specification).' },
    { requirement: 'Audit controls recording activity in systems with ePHI', citation: 'HIPAA 45 CFR §164.312(b): audit controls.' },
  ],
};

/** Without a framework, audit logs are kept 90 days: Kubernetes sets none; 90 days is the common default of managed log stores. */
const DEFAULT_RETENTION_DAYS = 90;

export interface ComplianceInput { frameworks: readonly Framework[]; auditEventsPerSecond: number; auditEventBytes: number }

export function sizeCompliance(input: ComplianceInput): ComplianceSizing {
  const trail = new Trail();
  const frameworks = [...new Set(input.frameworks)].sort();
  const days = frameworks.length ? Math.max(...frameworks.map((f) => retentionDays[f].days)) : DEFAULT_RETENTION_DAYS;
  const auditLogRetentionSeconds = trail.step(
    { id: 'auditLogRetentionSeconds', label: 'Audit log retention', unit: 's', formula: 'longest retention the frameworks in scope require',
      inputs: { retentionDays: days }, source: frameworks.length ? frameworks.map((f) => retentionDays[f].citation).join(' ') : 'No framework in scope: 90 days.' },
    days * SECONDS_PER_DAY,
  );
  const auditLogBytes = trail.step(
    { id: 'auditLogBytes', label: 'Audit log storage', unit: 'bytes', formula: 'auditEventsPerSecond × auditEventBytes × retention',
      inputs: { auditEventsPerSecond: input.auditEventsPerSecond, auditEventBytes: input.auditEventBytes, retentionSeconds: auditLogRetentionSeconds } },
    input.auditEventsPerSecond * input.auditEventBytes * auditLogRetentionSeconds,
  );
  const requirements = frameworks.flatMap((framework) => controls[framework].map((c) => ({ framework, ...c })));
  return {
    frameworks,
    auditLogRetentionSeconds,
    auditLogBytes,
    dedicatedNodes: frameworks.includes('pci-dss'),
    encryptionAtRest: frameworks.length > 0,
    requirements,
    explain: trail.steps,
  };
}
