// One error type for every bad input, so each face (CLI, web) can report file, line and field.

export interface InputIssue {
  /** The file (or source name) the problem is in. */
  readonly file: string;
  /** 1-based line, when the source text is known. */
  readonly line?: number;
  readonly column?: number;
  /** Dotted path of the offending field, e.g. `overrides.prices.petrol.2030`. */
  readonly field: string;
  readonly message: string;
}

export class InputError extends Error {
  readonly issues: readonly InputIssue[];
  constructor(issues: readonly InputIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "InputError";
    this.issues = issues;
  }
}

export function formatIssue(issue: InputIssue): string {
  const where = issue.line !== undefined ? `${issue.file}:${issue.line}${issue.column !== undefined ? `:${issue.column}` : ""}` : issue.file;
  return `${where}: ${issue.field ? `${issue.field}: ` : ""}${issue.message}`;
}
