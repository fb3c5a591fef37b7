import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../src/autograd/errors.ts";
import { parseShard, shardFileName, shardFromEnv } from "../../../src/perturb/sweep/shard-env.ts";

describe("--shard auto from the scheduler's environment", () => {
  it("Kubernetes: JOB_COMPLETION_INDEX is 0-based, the count comes from --shards", () => {
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: "0" }, 4)).toEqual({ index: 1, count: 4 });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: "3" }, 4)).toEqual({ index: 4, count: 4 });
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: "0" })).toThrow(/pass --shards with the job's completions/);
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: "4" }, 4)).toThrow(/gives shard 5 of 4/);
  });

  it("SLURM: the task id counted from the array's min (and step), the count from SLURM_ARRAY_TASK_COUNT or min/max", () => {
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: "0", SLURM_ARRAY_TASK_COUNT: "3" })).toEqual({ index: 1, count: 3 });
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: "7", SLURM_ARRAY_TASK_MIN: "5", SLURM_ARRAY_TASK_MAX: "7" })).toEqual({ index: 3, count: 3 });
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: "4", SLURM_ARRAY_TASK_MIN: "0", SLURM_ARRAY_TASK_MAX: "6", SLURM_ARRAY_TASK_STEP: "2" }))
      .toEqual({ index: 3, count: 4 });
    expect(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_COUNT: "3" }, 2)).toThrow(/--shards 2 disagrees/);
    expect(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: "x", SLURM_ARRAY_TASK_COUNT: "3" })).toThrow(/'x', not an integer/);
  });

  it("no scheduler variables, or a bad i/n, are errors naming the remedy; file names carry i and n", () => {
    expect(() => shardFromEnv({})).toThrow(ArgumentError);
    expect(() => shardFromEnv({})).toThrow(/pass --shard i\/n instead/);
    expect(parseShard("2/8", {})).toEqual({ index: 2, count: 8 });
    expect(() => parseShard("0/2", {})).toThrow(/expected i\/n with 1 ≤ i ≤ n/);
    expect(shardFileName({ index: 2, count: 8 })).toBe("results.shard-2-of-8.jsonl");
  });
});
