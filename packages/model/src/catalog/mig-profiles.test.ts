import { describe, expect, it } from 'vitest';
import { findGpu, gpus } from './gpus.ts';
import { MIG_COMPUTE_SLICES, MIG_MEMORY_SLICES, migMemoryBytes, migNamedMemoryBytes, migProfilesFor, migTables } from './mig-profiles.ts';

/**
 * NVIDIA MIG user guide, "Supported MIG Profiles", row by row: profile, fraction of memory,
 * fraction of SMs, number of instances available (the `+me` rows aside). H200, B200 and GB200 as
 * the guide and NVIDIA mig-parted's all-<profile> layouts give them.
 */
const reference: Record<string, [string, string, string, number][]> = {
  'A100-SXM-40GB': [['1g.5gb', '1/8', '1/7', 7], ['1g.10gb', '2/8', '1/7', 4], ['2g.10gb', '2/8', '2/7', 3], ['3g.20gb', '4/8', '3/7', 2], ['4g.20gb', '4/8', '4/7', 1], ['7g.40gb', '8/8', '7/7', 1]],
  'A100-SXM-80GB': [['1g.10gb', '1/8', '1/7', 7], ['1g.20gb', '2/8', '1/7', 4], ['2g.20gb', '2/8', '2/7', 3], ['3g.40gb', '4/8', '3/7', 2], ['4g.40gb', '4/8', '4/7', 1], ['7g.80gb', '8/8', '7/7', 1]],
  'H100-SXM-80GB': [['1g.10gb', '1/8', '1/7', 7], ['1g.20gb', '2/8', '1/7', 4], ['2g.20gb', '2/8', '2/7', 3], ['3g.40gb', '4/8', '3/7', 2], ['4g.40gb', '4/8', '4/7', 1], ['7g.80gb', '8/8', '7/7', 1]],
  'H200-SXM-141GB': [['1g.18gb', '1/8', '1/7', 7], ['1g.35gb', '2/8', '1/7', 4], ['2g.35gb', '2/8', '2/7', 3], ['3g.71gb', '4/8', '3/7', 2], ['4g.71gb', '4/8', '4/7', 1], ['7g.141gb', '8/8', '7/7', 1]],
  'B200-180GB': [['1g.23gb', '1/8', '1/7', 7], ['1g.45gb', '2/8', '1/7', 4], ['2g.45gb', '2/8', '2/7', 3], ['3g.90gb', '4/8', '3/7', 2], ['4g.90gb', '4/8', '4/7', 1], ['7g.180gb', '8/8', '7/7', 1]],
  'GB200-186GB': [['1g.24gb', '1/8', '1/7', 7], ['1g.47gb', '2/8', '1/7', 4], ['2g.47gb', '2/8', '2/7', 3], ['3g.95gb', '4/8', '3/7', 2], ['4g.95gb', '4/8', '4/7', 1], ['7g.189gb', '8/8', '7/7', 1]],
};
const sameAs: Record<string, string> = { 'A100-PCIe-80GB': 'A100-SXM-80GB', 'H100-PCIe-80GB': 'H100-SXM-80GB' };

const profilesOf = (id: string) => {
  const found = migProfilesFor(findGpu(id)!);
  if ('refused' in found) throw new Error(found.refused);
  return found.profiles;
};

describe('MIG profile catalog', () => {
  for (const [id, rows] of Object.entries(reference)) {
    it.each(rows)(`${id}: %s has memory %s, SMs %s, %i instances (NVIDIA MIG user guide)`, (name, memory, sms, instances) => {
      const profile = profilesOf(id).find((p) => p.name === name);
      expect(profile, `${name} on ${id}`).toBeDefined();
      expect(`${profile!.memorySlices}/${MIG_MEMORY_SLICES}`).toBe(memory);
      expect(`${profile!.computeSlices}/${MIG_COMPUTE_SLICES}`).toBe(sms);
      expect(profile!.maxInstancesPerGpu).toBe(instances);
    });
    it(`${id} has exactly the guide's profiles`, () => {
      expect(profilesOf(id).map((p) => p.name)).toEqual(rows.map(([name]) => name));
    });
  }

  it.each(Object.entries(sameAs))('%s has the profiles of %s', (id, like) => {
    expect(profilesOf(id)).toEqual(profilesOf(like));
  });

  it('every table names catalog GPUs and cites its source with a date', () => {
    for (const table of migTables) {
      for (const id of table.gpus) expect(findGpu(id)?.id).toBe(id);
      expect(table.source).toMatch(/https:\/\//);
      expect(table.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('refuses GPUs without MIG by name, and says which MIG-capable GPUs have no table', () => {
    for (const id of ['L4-24GB', 'L40S-48GB', 'T4-16GB', 'A10G-24GB', 'MI300X-192GB']) {
      const found = migProfilesFor(findGpu(id)!);
      expect('refused' in found && found.refused).toContain(`${id} has no MIG`);
    }
    const h20 = migProfilesFor(findGpu('H20-96GB')!);
    expect('refused' in h20 && h20.refused).toContain('supports MIG, but Headroom\'s catalog has no profile table');
  });

  // Properties over every tabulated GPU and profile.
  const all = gpus.flatMap((gpu) => {
    const found = migProfilesFor(gpu);
    return 'refused' in found ? [] : found.profiles.map((profile) => ({ gpu, profile }));
  });

  it('a slice never offers more memory than its profile names, nor than the GPU has', () => {
    for (const { gpu, profile } of all) {
      expect(migMemoryBytes(gpu, profile), `${gpu.id} ${profile.name}`).toBeLessThanOrEqual(migNamedMemoryBytes(profile));
      expect(migMemoryBytes(gpu, profile)).toBeLessThanOrEqual(gpu.memoryBytes);
    }
  });

  it('a GPU full of one profile never uses more than its 7 compute and 8 memory slices', () => {
    for (const { gpu, profile } of all) {
      expect(profile.maxInstancesPerGpu * profile.computeSlices, `${gpu.id} ${profile.name}`).toBeLessThanOrEqual(MIG_COMPUTE_SLICES);
      expect(profile.maxInstancesPerGpu * profile.memorySlices).toBeLessThanOrEqual(MIG_MEMORY_SLICES);
      expect(profile.name.startsWith(`${profile.computeSlices}g.`)).toBe(true);
    }
  });

  it('more slices of memory never give less memory', () => {
    for (const { gpu, profile } of all) {
      for (const other of all.filter((o) => o.gpu.id === gpu.id && o.profile.memorySlices > profile.memorySlices)) {
        expect(migMemoryBytes(gpu, other.profile)).toBeGreaterThan(migMemoryBytes(gpu, profile));
      }
    }
  });
});
