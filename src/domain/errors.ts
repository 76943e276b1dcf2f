/** One problem with an input, located so that a person can find and fix it. */
export interface Problem {
  /** Which file, when several are read together. */
  readonly file?: string;
  /** 1-based row in the file (the header is row 1), when the input is a file. */
  readonly row?: number;
  /** Column name, field or option that is wrong. */
  readonly column?: string;
  /** What is wrong and what to do about it, in plain English. */
  readonly message: string;
}

/** Base of every error the product raises on purpose; anything else is a bug. */
export class RagChaserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input was refused; `problems` lists everything that must be fixed. Nothing was changed. */
export class ValidationError extends RagChaserError {
  readonly problems: readonly Problem[];
  constructor(message: string, problems: readonly Problem[] = [{ message }]) {
    super(message);
    this.problems = problems;
  }
}

/** The caller may not do this (not the owner, not a service manager, wrong tenant). */
export class NotAuthorisedError extends RagChaserError {}

/** Something the request needs does not exist (no plan, no cycle for that quarter). */
export class NotFoundError extends RagChaserError {}

/** Another writer changed the record first; reload and try again. */
export class ConflictError extends RagChaserError {}

/**
 * Storage could not be reached at all (refused, cut, timed out) or answered that it is overloaded; nothing
 * was saved. The store raises it, so entry points can answer "try again" without knowing the store.
 */
export class StorageUnavailableError extends RagChaserError {}

/** Storage refused who we are; the message says what to fix (the role to grant, the key, the sign-in). */
export class StorageAccessError extends RagChaserError {}

/** Configuration is missing or wrong; the message names the variable. */
export class ConfigError extends RagChaserError {}

/** Formats problems as lines `row 3, column owner: ...`. */
export function describeProblems(problems: readonly Problem[]): string {
  return problems
    .map((p) => {
      const where = [
        p.file ?? '',
        p.row !== undefined ? `row ${p.row}` : '',
        p.column ? `column ${p.column}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return where ? `${where}: ${p.message}` : p.message;
    })
    .join('\n');
}
