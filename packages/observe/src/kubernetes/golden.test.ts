/**
 * Golden files: the whole kit for the chat-assistant preset, reviewed as text. A change in sizing or
 * in these generators shows up here as a diff; update with `vitest run -u` once it is intended.
 */
import { describe, expect, it } from 'vitest';
import { presetKits } from './testing.ts';

const kit = presetKits().find((k) => k.preset === 'chat-assistant')!;

describe('golden kubernetes files for chat-assistant', () => {
  it.each(kit.files.map((f) => [f.path, f.contents] as const))('%s', async (path, contents) => {
    await expect(contents).toMatchFileSnapshot(`./__golden__/chat-assistant/${path}`);
  });
});
