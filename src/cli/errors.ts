/**
 * Every failure as one line for a user: the message of a TapegradError or CliError as it is (they name the flag or
 * op, the values and the remedy), a file-system error as what was done to which path and why, and anything else as
 * an internal error without its stack (TAPEGRAD_DEBUG=1 prints it). Never a class name.
 */
import { fsReason } from "../fs/safe-write.ts";
import { TapegradError } from "../autograd/errors.ts";
import { CliError } from "./command.ts";

interface SystemError {
  readonly code: string;
  readonly syscall?: string;
  readonly path?: string;
}

const isSystemError = (e: unknown): e is SystemError =>
  typeof e === "object" && e !== null && typeof (e as { code?: unknown }).code === "string";

const VERBS: Readonly<Record<string, string>> = {
  open: "open", read: "read", write: "write", mkdir: "create the directory", scandir: "list", rename: "rename",
  unlink: "remove", stat: "read", lstat: "read", access: "access",
};

export function describeError(e: unknown): string {
  if (e instanceof TapegradError || e instanceof CliError) return e.message;
  if (isSystemError(e)) {
    const verb = e.syscall !== undefined && Object.hasOwn(VERBS, e.syscall) ? VERBS[e.syscall] : "use";
    return `cannot ${verb} ${e.path ?? "a file"}: ${fsReason(e, verb === "write" || verb === "rename")}`;
  }
  if (e instanceof RangeError) {
    return `the input is too large to process (${e.message}); use smaller sizes`;
  }
  const message = e instanceof Error ? e.message : String(e);
  return `internal error: ${message} (set TAPEGRAD_DEBUG=1 to print where it happened, and please report it)`;
}
