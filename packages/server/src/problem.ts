// Errors as RFC 9457 problem documents (application/problem+json). Input errors keep the core's issues (file, line,
// field, message), so the API says what the CLI says; the detail is the CLI's lines.
import { formatIssue, InputError, type InputIssue } from "@evplan/core";

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  field?: string;
  issues?: InputIssue[];
}

export const PROBLEM_TYPES = {
  "invalid-input": "the request (or a scenario it names) is invalid: `issues` lists file, line, field and message",
  "malformed-json": "the body is not JSON",
  "not-found": "no such resource",
  conflict: "the name is taken",
  "method-not-allowed": "the method is not allowed on this path",
  "payload-too-large": "the body is larger than the server accepts",
  "too-many-jobs": "the job queue is full: retry after the given seconds",
  busy: "every compute worker is busy and the queue is full: retry later",
  timeout: "the request took longer than the server allows",
  "bad-request": "the request cannot be read (for example a malformed URL)",
  internal: "an error inside the server: please report it",
} as const;
export type ProblemType = keyof typeof PROBLEM_TYPES;

export class Problem extends Error {
  readonly body: ProblemBody;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    type: ProblemType,
    title: string,
    detail: string,
    extra: { field?: string; issues?: InputIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.body = { type: `/api/v1/reference#problem-${type}`, title, status, detail };
    if (extra.field !== undefined) this.body.field = extra.field;
    if (extra.issues) this.body.issues = extra.issues;
    this.headers = extra.headers ?? {};
  }

  /** A problem sent across from a worker thread. */
  static fromBody(body: ProblemBody, headers: Record<string, string> = {}): Problem {
    const p = new Problem(body.status, "internal", body.title, body.detail, { headers });
    Object.assign(p.body, body);
    return p;
  }
}

/** The body's name in messages; nested scenarios are tagged `request body\0<path>` until mapped back here. */
export const BODY = "request body";

/**
 * An issue as the API reports it: issues of a scenario inside the body get the scenario's path in front of their
 * field; the core's command-line issues (solve's flags) name the request field instead of the flag.
 */
export function apiIssue(i: InputIssue): InputIssue {
  if (i.file === "command line") return { ...i, file: BODY, field: i.field.replace(/^--/, "") };
  if (i.file.startsWith(BODY + "\0")) {
    const prefix = i.file.slice(BODY.length + 1);
    return { ...i, file: BODY, field: i.field ? `${prefix}.${i.field}` : prefix };
  }
  return i;
}

export function invalidInput(e: InputError): Problem {
  const issues = e.issues.map(apiIssue);
  return new Problem(422, "invalid-input", "Invalid input", issues.map(formatIssue).join("\n"), { field: issues[0]?.field, issues });
}

export function toProblem(e: unknown): Problem {
  if (e instanceof Problem) return e;
  if (e instanceof InputError) return invalidInput(e);
  return new Problem(500, "internal", "Internal error", e instanceof Error ? e.message : String(e));
}
