import type { Catalog, RequestRecord, RequestsConfig } from '../model/index.js';

/** The request-queue exports `orgwire ingest --requests` reads. */
export const REQUEST_FORMATS = [
  'jira-csv',
  'jira-json',
  'github-json',
  'linear-csv',
  'github-project',
  'csv',
] as const;
export type RequestFormat = (typeof REQUEST_FORMATS)[number];

/**
 * Something in an export that could not be read. `error`: the file as a whole (its
 * format, its header, its JSON) is wrong and nothing was read from it; `warning`: one row
 * was skipped and the rest kept; `note`: everything was read, but the user should know
 * something about how.
 */
export interface RequestProblem {
  file: string;
  /** 1-based; for a CSV record that spans lines, the line where it starts. */
  line: number;
  message: string;
  hint: string;
  severity: 'error' | 'warning' | 'note';
}

export interface ParseRequestsOptions {
  /** The file as shown to the user, for problems and `source`. */
  file: string;
  /** Detected from the text when not given. */
  format?: RequestFormat;
  catalog: Catalog;
  /** `requests` from `orgwire.yaml`. */
  mapping?: RequestsConfig;
  /**
   * The GitHub repository (`owner/name`) of issues whose export does not name it (`gh issue
   * list` output): `--requests-repo`, else `requests.github.repository`.
   */
  repository?: string;
}

/**
 * What an export says of tickets other exports hold, without being able to stand for them
 * (a GitHub project's items have no dates): the team that provides each.
 */
export interface RequestAmendment {
  tracker: string;
  id: string;
  provider: string;
  /** `file:line`, as `RequestRecord.source`. */
  source: string;
}

export interface ParsedRequests {
  /** The format read: as given, else as detected; absent when it cannot be told. */
  format?: RequestFormat;
  /** In file order. */
  requests: RequestRecord[];
  /** In file order; only a GitHub project's items give these. */
  amendments: RequestAmendment[];
  problems: RequestProblem[];
}
