import { it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { planPresets } from '@headroom/model';
import { BrowserSession } from '/work/wt-worker/test/e2e/session.ts';
const link = (text: string) => `#plan=${deflateRawSync(Buffer.from(text), { level: 9 }).toString('base64url')}`;
it('profile', async () => {
  const session = await BrowserSession.start('/work/wt-worker/.tmp/prof-dist');
  const yaml = planPresets.find((p) => p.name === (process.env.PRESET ?? 'rag'))!.yaml;
  const page = await session.open(`index.html${link(yaml)}`);
  await page.locator('svg.recharts-surface').first().waitFor({ timeout: 30000 });
  await page.waitForTimeout(1500);
  const m = /(peakRequestsPerSecond|items|epochs|bytesPerRun): ?\d/.exec(yaml)!;
  const caret = m.index + m[0].length;
  await page.locator('#plan-text').focus();
  await page.evaluate(`document.getElementById('plan-text').setSelectionRange(${caret}, ${caret})`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  for (let i = 0; i < 4; i++) { await page.keyboard.press('5'); await page.waitForTimeout(500); await page.keyboard.press('Backspace'); await page.waitForTimeout(500); }
  const { profile } = await cdp.send('Profiler.stop') as any;
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  const self = new Map<string, number>();
  const dt = profile.timeDeltas as number[];
  profile.samples.forEach((id: number, i: number) => { const n: any = byId.get(id); const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000); });
  // inclusive time per top-level-ish function: compute total per node subtree
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map<string, number>();
  profile.samples.forEach((id: number, i: number) => { const seen = new Set<string>(); let cur: number | undefined = id; while (cur !== undefined) { const n: any = byId.get(cur); const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; if (!seen.has(key)) { seen.add(key); incl.set(key, (incl.get(key) ?? 0) + (dt[i] ?? 0) / 1000); } cur = parent.get(cur); } });

  // segment into tasks: runs of non-idle samples; for each long run, top app frames (inclusive)
  const names = (id: number) => { const out: string[] = []; let cur: number | undefined = id; while (cur !== undefined) { const n: any = byId.get(cur); out.push(`${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`); cur = parent.get(cur); } return out; };
  let t = profile.startTime; let run: { start: number; dur: number; counts: Map<string, number> } | undefined; const runs: any[] = [];
  profile.samples.forEach((id: number, i: number) => { t += dt[i] ?? 0; const n: any = byId.get(id); const idle = n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)';
    if (idle) { if (run) { runs.push(run); run = undefined; } return; }
    if (!run) run = { start: t, dur: 0, counts: new Map() };
    run.dur += (dt[i] ?? 0) / 1000; for (const k of new Set(names(id))) if (/index-|Charts-|KitPanel-|store-|sizing-views-|form|Form/.test(k)) run.counts.set(k, (run.counts.get(k) ?? 0) + (dt[i] ?? 0) / 1000); });
  if (run) runs.push(run);
  for (const r of runs.filter((r) => r.dur > 30)) console.log(`TASK ${r.dur.toFixed(0)} ms @${((r.start - profile.startTime) / 1000).toFixed(0)}: ` + [...r.counts].sort((a: any, b: any) => b[1] - a[1]).slice(0, 8).map(([k, v]: any) => `${k} ${v.toFixed(0)}`).join(' | '));
  await session.close();
}, 120000);
