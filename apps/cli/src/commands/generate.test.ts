import { describe, expect, it } from 'vitest';
import { CliError } from '../errors.ts';
import { kitOverrides } from './generate.ts';

describe('kitOverrides (generate\'s kit flags)', () => {
  it('turns the flags into kit settings, validated as spec.kit is', () => {
    expect(kitOverrides({})).toEqual({});
    expect(kitOverrides({
      runbookBaseUrl: 'https://wiki.example.com/runbooks/',
      exporterImage: 'registry.example.com:5000/ml/headroom-exporter:1.2.3',
      ruleLabels: 'release=monitoring, prometheus=main',
      serviceMonitorLabels: '',
    })).toEqual({
      runbookBaseUrl: 'https://wiki.example.com/runbooks',
      exporterImage: 'registry.example.com:5000/ml/headroom-exporter:1.2.3',
      prometheusRuleLabels: { release: 'monitoring', prometheus: 'main' },
      serviceMonitorLabels: {},
    });
  });

  it.each([
    [{ runbookBaseUrl: 'wiki/runbooks' }, /^--runbook-base-url: must be an absolute http\(s\) URL/],
    [{ runbookBaseUrl: 'https://wiki.example.com/r?page=1' }, /^--runbook-base-url: must have no query or fragment/],
    [{ exporterImage: 'Registry Example/headroom' }, /^--exporter-image: must be a container image reference/],
    [{ ruleLabels: 'release' }, /^--rule-labels: expected key=value\[,key=value…\], got "release"/],
    [{ ruleLabels: 'a=1,a=2' }, /^--rule-labels: label "a" is given twice/],
    [{ serviceMonitorLabels: 'team=ml team' }, /^--service-monitor-labels \(team\): label value "ml team" must be empty or 1 to 63/],
    [{ serviceMonitorLabels: '-bad=x' }, /^--service-monitor-labels \(-bad\): label key "-bad": the name must be/],
  ])('refuses %j naming the flag', (flags, message) => {
    let error: unknown;
    try {
      kitOverrides(flags);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toMatch(message);
    expect((error as CliError).exitCode).toBe(2);
  });
});
