/** examplePodName on RE2's own forms, which the plan accepts (packages/model/src/schema/re2.ts). */
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { examplePodName } from './example-pod.ts';

describe('examplePodName', () => {
  it.each([
    'chat-.*', 'chat-(a|b)\\d-.*', '(?i)Chat-(?P<color>a|b)\\x{41}[[:alpha:]]\\pL{2,3}?', '\\Q.*\\E[]a]\\012|\\p{Greek}+',
    '(?s:.)\\b[^\\d\\s-]{0,1000}', 'a"b\\\\c\\.\\*', '[[:digit:]]{3}-\\x41', '\\p{Greek}+-\\PL',
  ])('derives a pod name %s matches under RE2', (regex) => {
    const pod = examplePodName(regex);
    expect(RE2JS.compile(`^(?:${regex})$`).matches(pod)).toBe(true);
  });
});
