import type { PlanPreset } from './index.ts';

export const featurePipeline: PlanPreset = {
  name: 'feature-pipeline',
  title: 'Feature pipeline',
  description: 'Hourly feature engineering over clickstream data and a daily aggregate, with retention and compression.',
  yaml: `# Feature pipelines on EKS (Spark on Kubernetes).
apiVersion: headroom/v1
kind: CapacityPlan
metadata: { name: feature-pipeline, namespace: features }
spec:
  defaults: { targetUtilization: 0.75, redundancy: none, zones: 3 }
  cluster: { provider: eks, nodePools: [ { name: spark, instanceType: r5.2xlarge } ] }
  workloads:
    - name: clickstream-hourly
      kind: data-pipeline
      input: { bytesPerRun: 800 GB, runsPerDay: 24 }
      window: 40 min
      throughputPerCore: 50 MB/s
      retention: 90 d
      outputRatio: 0.3
      compressionRatio: 4
    - name: daily-aggregates
      kind: data-pipeline
      input: { bytesPerRun: 2 TB, runsPerDay: 1 }
      window: 2 h
      throughputPerCore: 80 MB/s
      retention: 400 d
      outputRatio: 0.05
      compressionRatio: 3
`,
};
