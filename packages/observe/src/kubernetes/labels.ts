/** The labels every generated object carries (Kubernetes recommended labels plus the plan). */
export const PART_OF = 'headroom';
export const PLAN_LABEL = 'headroom.dev/plan';

export type Labels = Record<string, string>;

/** app.kubernetes.io/name, app.kubernetes.io/part-of and headroom.dev/plan, in that order. */
export function standardLabels(plan: string, name: string): Labels {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': PART_OF, [PLAN_LABEL]: plan };
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels: Labels;
  annotations?: Record<string, string>;
}

export function objectMeta(name: string, namespace: string | undefined, labels: Labels, annotations?: Record<string, string>): ObjectMeta {
  return {
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    labels,
    ...(annotations && Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
}
