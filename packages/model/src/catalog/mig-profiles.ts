/**
 * MIG (Multi-Instance GPU) profiles per GPU, from NVIDIA's MIG user guide, "Supported MIG Profiles"
 * (https://docs.nvidia.com/datacenter/tesla/mig-user-guide/supported-mig-profiles.html): the
 * profile name, its fraction of the GPU's memory (memory slices of 8), its fraction of the SMs
 * (compute slices of 7) and the number of instances of it one GPU can hold. The Hopper and
 * Blackwell rows were checked against the `all-<profile>` layouts of NVIDIA's MIG manager
 * (github.com/NVIDIA/mig-parted, deployments/container/nvidia-mig-manager-example-hopper-blackwell.yaml),
 * which name the same profiles with the same instance counts.
 *
 * Media-extension variants (`+me`, one instance per GPU with the decoders) are left out: they add
 * no compute or memory over their base profile.
 */
import { GiB } from '../units.ts';
import type { GpuSpec, Provenance } from './types.ts';

export interface MigProfile {
  /** NVIDIA's profile name: `<compute slices>g.<memory>gb`, e.g. 1g.10gb. */
  name: string;
  /** Compute slices of the GPU's 7 (the guide's "Fraction of SMs" numerator). */
  computeSlices: number;
  /** Memory slices of the GPU's 8 (the guide's "Fraction of Memory" numerator). */
  memorySlices: number;
  /** Most instances of this profile one GPU holds ("Number of Instances Available"). */
  maxInstancesPerGpu: number;
}

export const MIG_COMPUTE_SLICES = 7;
export const MIG_MEMORY_SLICES = 8;

export interface MigTable extends Provenance {
  /** Catalog GPU ids the table applies to. */
  gpus: readonly string[];
  profiles: readonly MigProfile[];
}

const GUIDE = 'NVIDIA Multi-Instance GPU User Guide, "Supported MIG Profiles" — https://docs.nvidia.com/datacenter/tesla/mig-user-guide/supported-mig-profiles.html';
const MIG_PARTED = 'NVIDIA mig-parted, nvidia-mig-manager-example-hopper-blackwell.yaml (all-<profile> layouts) — https://github.com/NVIDIA/mig-parted';
const ASOF = '2026-12-03';

/**
 * Every GA100/GH100/GB100 part has the same geometry: 1g (1/7 SMs, 1/8 memory) × 7, 1g with
 * double memory (1/7, 2/8) × 4, 2g (2/7, 2/8) × 3, 3g (3/7, 4/8) × 2, 4g (4/7, 4/8) × 1,
 * 7g (7/7, 8/8) × 1. Only the memory in the names changes with the GPU's capacity.
 */
function geometry(memoryGb: readonly [number, number, number, number, number, number]): MigProfile[] {
  const [one, oneDouble, two, three, four, seven] = memoryGb;
  return [
    { name: `1g.${one}gb`, computeSlices: 1, memorySlices: 1, maxInstancesPerGpu: 7 },
    { name: `1g.${oneDouble}gb`, computeSlices: 1, memorySlices: 2, maxInstancesPerGpu: 4 },
    { name: `2g.${two}gb`, computeSlices: 2, memorySlices: 2, maxInstancesPerGpu: 3 },
    { name: `3g.${three}gb`, computeSlices: 3, memorySlices: 4, maxInstancesPerGpu: 2 },
    { name: `4g.${four}gb`, computeSlices: 4, memorySlices: 4, maxInstancesPerGpu: 1 },
    { name: `7g.${seven}gb`, computeSlices: 7, memorySlices: 8, maxInstancesPerGpu: 1 },
  ];
}

export const migTables: readonly MigTable[] = [
  // Guide, "A100 MIG Profiles": the A100-SXM4-40GB table.
  { gpus: ['A100-SXM-40GB'], profiles: geometry([5, 10, 10, 20, 20, 40]), source: GUIDE, asOf: ASOF },
  // Guide: "For A100-SXM4-80GB, the profile names will change according to the memory proportion"; A100 PCIe 80GB likewise.
  { gpus: ['A100-SXM-80GB', 'A100-PCIe-80GB'], profiles: geometry([10, 20, 20, 40, 40, 80]), source: GUIDE, asOf: ASOF },
  // Guide, "H100 MIG Profiles" (H100 SXM5 and PCIe 80GB).
  { gpus: ['H100-SXM-80GB', 'H100-PCIe-80GB'], profiles: geometry([10, 20, 20, 40, 40, 80]), source: `${GUIDE} ; ${MIG_PARTED}`, asOf: ASOF },
  // Guide, "H200 MIG Profiles" (H200 SXM5 141GB).
  { gpus: ['H200-SXM-141GB'], profiles: geometry([18, 35, 35, 71, 71, 141]), source: `${GUIDE} ; ${MIG_PARTED}`, asOf: ASOF },
  // Guide, "B200 MIG Profiles" (HGX B200 180GB).
  { gpus: ['B200-180GB'], profiles: geometry([23, 45, 45, 90, 90, 180]), source: `${GUIDE} ; ${MIG_PARTED}`, asOf: ASOF },
  // GB200 (186 GB per GPU): mig-parted's GB200 HGX layouts (device 0x2941).
  { gpus: ['GB200-186GB'], profiles: geometry([24, 47, 47, 95, 95, 189]), source: MIG_PARTED, asOf: ASOF },
];

/**
 * GPUs NVIDIA lists as MIG-capable ("Supported GPUs") whose profile table Headroom does not carry:
 * refused with that reason rather than as GPUs without MIG.
 */
const MIG_CAPABLE_UNTABULATED = new Set(['H20-96GB', 'RTX-PRO-6000-96GB', 'B300-288GB']);

/** The MIG profiles of a catalog GPU, or why it has none. */
export function migProfilesFor(gpu: GpuSpec): { profiles: readonly MigProfile[] } | { refused: string } {
  const table = migTables.find((t) => t.gpus.includes(gpu.id));
  if (table) return { profiles: table.profiles };
  if (MIG_CAPABLE_UNTABULATED.has(gpu.id)) {
    return { refused: `${gpu.id} supports MIG, but Headroom's catalog has no profile table for it yet (tables: ${migTables.flatMap((t) => t.gpus).join(', ')}); use timeSlicing or a whole GPU` };
  }
  return { refused: `${gpu.id} has no MIG (Multi-Instance GPU): NVIDIA supports MIG on A100, A30, H100, H200, H20, B200, GB200 and RTX PRO Blackwell, not on ${gpu.vendor === 'amd' ? 'AMD Instinct' : 'this GPU'}; use timeSlicing or a whole GPU` };
}

/**
 * Memory of one instance: its memory slices of the GPU's installed memory (the catalog's convention,
 * gpus.ts), but never more than the profile's name states (H200's 2/8 of 141 GiB is 35.25 GiB; the
 * profile is 1g.35gb). nvidia-smi reports a little less still (an H100 1g.10gb shows 9.75 GiB), which
 * the sizing's gpuMemoryUtilization covers as it does for whole GPUs.
 */
export function migMemoryBytes(gpu: GpuSpec, profile: MigProfile): number {
  return Math.min((gpu.memoryBytes * profile.memorySlices) / MIG_MEMORY_SLICES, migNamedMemoryBytes(profile));
}

/** The memory a profile's name states, GiB taken as the catalog takes GPU memory: the ceiling an instance never exceeds. */
export function migNamedMemoryBytes(profile: MigProfile): number {
  return Number(/\.(\d+)gb$/.exec(profile.name)![1]) * GiB;
}
