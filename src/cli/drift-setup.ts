import type { RepositoryOwnershipFiles } from '../ingest/index.js';
import type { Catalog, RequestRecord } from '../model/index.js';
import { buildId } from './build-id.js';
import type { LoadedConfig } from './context.js';

/**
 * Everything drift's weeks depend on but the commits, as one JSON value for `driftCache`:
 * orgwire's own code, orgwire.yaml, today's catalog and the versions of its history, the
 * trailing window, the ignore flags, the request exports, the repositories and what their
 * ownership files say. A change to any of them measures every week again.
 */
export function driftSetup(input: {
  config: LoadedConfig;
  catalog: Catalog;
  versions: readonly { commit: string }[];
  span: number;
  ignore: readonly string[] | undefined;
  requests: readonly RequestRecord[];
  repositories: readonly { absolute: string }[];
  ownership: ReadonlyMap<string, RepositoryOwnershipFiles>;
}): unknown {
  return {
    build: buildId(),
    config: input.config.config,
    catalog: input.catalog.entities,
    versions: input.versions.map((v) => v.commit),
    span: input.span,
    ignore: input.ignore ?? [],
    requests: input.requests,
    repositories: input.repositories.map((r) => r.absolute),
    // The rules, not the paths at HEAD: a new file changes the facts, which the weeks' own
    // digests catch, not the setup.
    ownership: [...input.ownership].map(([dir, o]) => [dir, o.codeowners.rules, o.readings]),
  };
}
