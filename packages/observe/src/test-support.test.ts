import { describe, expect, it } from 'vitest';
import { matcherValues, promqlErrors, rateWindows } from './test-support.ts';

describe('the PromQL checks the dashboard tests rely on', () => {
  it('find syntax errors', () => {
    expect(promqlErrors('sum(rate(x{a="b"}[$__rate_interval]))')).toEqual([]);
    expect(promqlErrors('sum(rate(x{a="b"}[5m])')).not.toEqual([]);
    expect(promqlErrors('x{a="b}')).not.toEqual([]);
    expect(promqlErrors('sum by (le) rate(x[5m])')).not.toEqual([]);
  });

  it('replace Grafana variables before parsing', () => {
    expect(promqlErrors('x{namespace="${namespace}", workload=~"$workload"}')).toEqual([]);
  });

  it('decode label values', () => {
    expect(matcherValues(String.raw`up{pod=~"a-(b|c)\\d-[\"']", job="x"} or down{pod="y"}`, 'pod')).toEqual([String.raw`a-(b|c)\d-["']`, 'y']);
  });

  it('find the windows of rate, irate and increase', () => {
    expect(rateWindows('sum(rate(x{a="[b]"}[$__rate_interval])) + increase(y[5m]) + predict_linear(z[6h], 3)')).toEqual(['$__rate_interval', '5m']);
  });
});
