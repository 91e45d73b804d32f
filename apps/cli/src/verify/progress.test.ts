import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressBar } from './progress.ts';

/** A stream that says whether it is a terminal, as process.stderr does. */
function stream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const out = new PassThrough();
  out.on('data', (c) => chunks.push(String(c)));
  return { stream: Object.assign(out, { isTTY, columns: 60 }) as unknown as NodeJS.WriteStream, text: () => chunks.join('') };
}

describe('progressBar', () => {
  it('draws and clears one line on a terminal', async () => {
    const tty = stream(true);
    const bar = progressBar(2, tty.stream);
    bar.tick('chat-llm');
    bar.tick('ranker');
    bar.done();
    await new Promise((r) => setImmediate(r));
    expect(tty.text()).toContain('[############------------] 1/2 chat-llm');
    expect(tty.text()).toContain('[########################] 2/2 ranker');
    expect(tty.text().endsWith('\r')).toBe(true);
  });

  it('writes nothing when the output is piped', async () => {
    const piped = stream(false);
    const bar = progressBar(3, piped.stream);
    bar.tick('a');
    bar.done();
    await new Promise((r) => setImmediate(r));
    expect(piped.text()).toBe('');
  });
});
