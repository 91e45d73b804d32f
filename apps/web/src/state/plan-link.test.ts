import { planPresets } from '@headroom/model';
import { describe, expect, it } from 'vitest';
import { decodePlanText, encodePlanText, planFromHash, planHash, planTextFromHash } from './plan-link.ts';

describe('plan link', () => {
  it('round-trips every preset through the URL hash, compressed', async () => {
    for (const preset of planPresets) {
      const encoded = await encodePlanText(preset.yaml);
      expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(encoded.length).toBeLessThan(preset.yaml.length);
      expect(await decodePlanText(encoded)).toBe(preset.yaml);
      expect(await planTextFromHash(await planHash(preset.yaml))).toBe(preset.yaml);
    }
  });

  it('keeps non-ASCII text', async () => {
    const text = '# Größe – 日本語\napiVersion: headroom/v1\n';
    expect(await decodePlanText(await encodePlanText(text))).toBe(text);
  });

  it('reads nothing from a hash without a plan or with a damaged one', async () => {
    expect(await planTextFromHash('')).toBeUndefined();
    expect(await planTextFromHash('#other=1')).toBeUndefined();
    expect(await planTextFromHash('#plan=%%%not-base64')).toBeUndefined();
    expect(await planTextFromHash('#plan=AAAA')).toBeUndefined();
  });

  it('stops inflating a deflate bomb at the size limit, and says so', async () => {
    const bomb = await planHash('\n'.repeat(50_000_000));
    expect(bomb.length).toBeLessThan(100_000);
    const linked = await planFromHash(bomb);
    expect(linked).toEqual({ ok: false, message: expect.stringMatching(/too large: it inflates to more than 1048576 bytes/) });
    expect(await planFromHash(await planHash('x'.repeat(2000)), 1000)).toMatchObject({ ok: false });
    expect(await planFromHash(await planHash('x'.repeat(1000)), 1000)).toEqual({ ok: true, text: 'x'.repeat(1000) });
    expect(await planFromHash('#plan=AAAA')).toEqual({ ok: false, message: expect.stringMatching(/cannot be read/) });
  });
});
