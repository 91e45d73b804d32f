/**
 * Manifests to YAML text with comments, through the yaml package's Document API. Output is YAML
 * 1.1-safe (strings such as "on", "yes" or "1" are quoted, as Kubernetes' parser would otherwise
 * read them as booleans or numbers), never folds lines, and never turns repeated objects into
 * anchors and aliases.
 */
import { Document, isMap, isScalar } from 'yaml';

export type YamlPath = readonly (string | number)[];

export interface Manifest {
  object: object;
  /** Comment above the document (plain text; "#" is added to each line). */
  comment?: string;
  /** Comments above a key, the path naming the key (e.g. ['spec', 'metrics']). */
  keyComments?: readonly { path: YamlPath; comment: string }[];
}

const toComment = (text: string): string =>
  text.trimEnd().split('\n').map((line) => (line ? ` ${line}` : '')).join('\n');

/** Prefixes each line of text with "# " (for comments written as plain strings). */
export function commentLines(text: string): string {
  return text.trimEnd().split('\n').map((line) => (line ? `# ${line}` : '#')).join('\n') + '\n';
}

export function manifestText(manifest: Manifest): string {
  const doc = new Document(manifest.object, { version: '1.1', aliasDuplicateObjects: false });
  if (manifest.comment) doc.commentBefore = toComment(manifest.comment);
  for (const { path, comment } of manifest.keyComments ?? []) {
    const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
    const key = path[path.length - 1];
    const pair = isMap(parent) ? parent.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined;
    if (!pair || !isScalar(pair.key)) throw new Error(`internal: no key ${path.join('.')} to comment on`);
    pair.key.commentBefore = toComment(comment);
  }
  return doc.toString({ lineWidth: 0 });
}

/** A file of one or more documents, with a header comment. */
export function manifestsText(header: string, manifests: readonly Manifest[]): string {
  return commentLines(header) + '\n' + manifests.map(manifestText).map((text, i) => (i === 0 ? text : `---\n${text}`)).join('');
}
