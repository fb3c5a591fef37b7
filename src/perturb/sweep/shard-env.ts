/**
 * `--shard auto`: which part of the grid this process runs, from the scheduler that started it.
 *   Kubernetes Indexed Job: JOB_COMPLETION_INDEX (0-based); the count is the job's completions, which Kubernetes
 *     does not put in the environment, so it comes from --shards.
 *   SLURM job array: SLURM_ARRAY_TASK_ID, with SLURM_ARRAY_TASK_MIN (and _STEP) when the array does not start at
 *     0 or skips; the count is SLURM_ARRAY_TASK_COUNT (or from MIN and MAX).
 * Shards are 1-based here, as in `--shard i/n`.
 */
import { ArgumentError } from "../../autograd/errors.ts";

export interface Shard {
  readonly index: number;
  readonly count: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function int(env: Env, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const v = Number(raw);
  if (!Number.isSafeInteger(v)) throw new ArgumentError(`--shard auto: ${name} is '${raw}', not an integer`);
  return v;
}

function checked(index0: number, count: number, source: string): Shard {
  if (!(count >= 1) || index0 < 0 || index0 >= count) {
    throw new ArgumentError(`--shard auto: ${source} gives shard ${index0 + 1} of ${count}, which is not in 1..${count}`);
  }
  return { index: index0 + 1, count };
}

/** The shard named by the environment; `shards` is --shards (required for Kubernetes, checked for SLURM). */
export function shardFromEnv(env: Env, shards?: number): Shard {
  const k8s = int(env, "JOB_COMPLETION_INDEX");
  if (k8s !== undefined) {
    if (shards === undefined) {
      throw new ArgumentError(
        "--shard auto: JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job) but the number of shards is not; " +
          "pass --shards with the job's completions",
      );
    }
    return checked(k8s, shards, `JOB_COMPLETION_INDEX=${k8s} with --shards ${shards}`);
  }
  const id = int(env, "SLURM_ARRAY_TASK_ID");
  if (id !== undefined) {
    const min = int(env, "SLURM_ARRAY_TASK_MIN") ?? 0;
    const max = int(env, "SLURM_ARRAY_TASK_MAX");
    const step = int(env, "SLURM_ARRAY_TASK_STEP") ?? 1;
    const count = int(env, "SLURM_ARRAY_TASK_COUNT") ?? (max === undefined ? shards : Math.floor((max - min) / step) + 1);
    if (count === undefined) {
      throw new ArgumentError("--shard auto: SLURM_ARRAY_TASK_ID is set but not SLURM_ARRAY_TASK_COUNT nor _MAX; pass --shards");
    }
    if (shards !== undefined && shards !== count) {
      throw new ArgumentError(`--shard auto: --shards ${shards} disagrees with the SLURM array's ${count} tasks`);
    }
    if (step < 1 || (id - min) % step !== 0) throw new ArgumentError(`--shard auto: SLURM task ${id} is not on the array's step ${step} from ${min}`);
    return checked((id - min) / step, count, `SLURM_ARRAY_TASK_ID=${id} (min ${min}, ${count} tasks)`);
  }
  throw new ArgumentError(
    "--shard auto: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (SLURM array) is set; " +
      "pass --shard i/n instead",
  );
}

/** `--shard i/n` (1-based) or `auto`. */
export function parseShard(raw: string, env: Env, shards?: number): Shard {
  if (raw.trim() === "auto") return shardFromEnv(env, shards);
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || index < 1 || index > count || !Number.isSafeInteger(count)) {
    throw new ArgumentError(`--shard: expected i/n with 1 ≤ i ≤ n (e.g. 2/8) or auto, got '${raw}'`);
  }
  if (shards !== undefined && shards !== count) throw new ArgumentError(`--shards ${shards} disagrees with --shard ${raw}`);
  return { index, count };
}

/** The file a shard writes: shards on a shared file system never append to one file. */
export function shardFileName(shard: Shard): string {
  return `results.shard-${shard.index}-of-${shard.count}.jsonl`;
}
