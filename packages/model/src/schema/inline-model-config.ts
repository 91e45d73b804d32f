/**
 * The plan text with every `model: { config: <file> }` replaced by the fields it imports, for
 * places that cannot read the file: the exporter in the cluster gets the plan from a ConfigMap,
 * with no config.json beside it. The rest of the text (comments, order, quoting) is kept; each
 * inlined model carries a comment naming the file it came from. Same merge as parsing: the fields
 * the plan gives beside `config` win over the imported ones.
 */
import { isMap, parseDocument } from 'yaml';
import { resolveModelConfigs, type ModelConfigReader } from './model-config.ts';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `text` with its model configs inlined, or `text` unchanged when it names none. Call it on a plan
 * that parsed with the same reader: a config that cannot be read or imported is left as it is.
 */
export function inlineModelConfigs(text: string, read: ModelConfigReader): string {
  const document = parseDocument(text, { uniqueKeys: false });
  const data: unknown = document.toJS({ maxAliasCount: -1 });
  if (!isRecord(data) || !isRecord(data.spec) || !Array.isArray(data.spec.workloads)) return text;
  const resolved = resolveModelConfigs(data, read);
  if (resolved.data === data || resolved.issues.length > 0) return text;
  const workloads = (resolved.data as { spec: { workloads: unknown[] } }).spec.workloads;
  data.spec.workloads.forEach((original: unknown, i: number) => {
    if (!isRecord(original) || !isRecord(original.model) || typeof original.model.config !== 'string') return;
    const { config: _file, ...model } = (workloads[i] as { model: Record<string, unknown> }).model;
    const path = ['spec', 'workloads', i, 'model'];
    const before = document.getIn(path, true);
    const node = document.createNode(model);
    node.flow = isMap(before) && before.flow === true;
    node.commentBefore = ` Imported from ${original.model.config} by headroom generate (the exporter has no config.json beside it).`;
    document.setIn(path, node);
  });
  return document.toString({ lineWidth: 0 });
}
