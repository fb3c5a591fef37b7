/**
 * The PyTorch reference corpus (test/fixtures/oracle/corpus.json, described by FORMAT.md beside it): its types,
 * and loading it from the repository.
 */
import { readFileSync } from "node:fs";

/** A JSON number; non-finite values are the strings "NaN", "Infinity", "-Infinity". */
export type JsonNumber = number | string;

export interface ProgramInput {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: readonly JsonNumber[];
  readonly requires_grad: boolean;
}

export interface ProgramOp {
  readonly out: string;
  readonly op: string;
  readonly args: readonly string[];
  readonly attrs?: Readonly<Record<string, unknown>>;
}

export interface Program {
  readonly id: string;
  readonly family: string;
  readonly tags: readonly string[];
  readonly description?: string;
  readonly inputs: readonly ProgramInput[];
  readonly ops: readonly ProgramOp[];
  readonly output: string;
  readonly grad_output?: readonly JsonNumber[];
  readonly double_backward?: boolean;
  readonly double_backward_vectors?: Readonly<Record<string, readonly JsonNumber[]>>;
}

export interface ExpectedTensor {
  readonly shape: readonly number[];
  readonly data: readonly JsonNumber[];
}

/** One gradient per input with requires_grad: a tensor, or null where the input is not reached. */
export type ExpectedGrads = Readonly<Record<string, ExpectedTensor | null>>;

export interface Expected {
  readonly id: string;
  readonly ok: boolean;
  readonly output: string;
  readonly output_shape: readonly number[];
  readonly values: Readonly<Record<string, ExpectedTensor>>;
  readonly grads: ExpectedGrads;
  readonly double_backward?: { readonly s: JsonNumber; readonly grads: ExpectedGrads };
}

export interface Case {
  readonly program: Program;
  readonly expected: Expected;
}

export type Identity =
  | { readonly kind: "grads_scaled"; readonly program: string; readonly reference: string;
      readonly inputs: readonly string[]; readonly factor: number; readonly order: 1 | 2; readonly description: string }
  | { readonly kind: "grads_equal"; readonly program: string; readonly reference: string;
      readonly inputs: readonly string[]; readonly order: 1 | 2; readonly description: string }
  | { readonly kind: "grads_none" | "grads_zero"; readonly program: string; readonly inputs: readonly string[];
      readonly description: string }
  | { readonly kind: "grads_value"; readonly program: string; readonly input: string; readonly equals_input: string;
      readonly description: string };

export interface Corpus {
  readonly format_version: number;
  readonly torch_version: string;
  readonly dtype: string;
  readonly tolerances: { readonly rtol: number; readonly atol: number };
  readonly counts: { readonly programs: number };
  readonly identities: readonly Identity[];
  readonly cases: readonly Case[];
}

/** A JSON number as a double (`Number` reads the non-finite strings). */
export function decode(x: JsonNumber): number {
  return typeof x === "number" ? x : Number(x);
}

export function loadCorpus(): Corpus {
  const url = new URL("../fixtures/oracle/corpus.json", import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as Corpus;
}
