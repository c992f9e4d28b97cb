import { useQuery } from '@tanstack/react-query';
import type { DataQuality, RuleFinding } from '../../../src/server/api-types.js';
import { jsonLinks } from '../api.js';
import { CoverageFigure, CoverageWarning } from '../components/Coverage.js';
import { EntityLink } from '../components/EntityLink.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loaded } from '../components/QueryState.js';
import { type Columns, SortHeader, useSort } from '../components/Sortable.js';
import { TableWrap } from '../components/TableWrap.js';
import { Term } from '../components/Term.js';
import { UnmatchedAuthors } from '../components/UnmatchedAuthors.js';
import { num, pct } from '../format.js';
import type { TermId } from '../glossary.js';
import { queries } from '../queries.js';

type Pattern = DataQuality['ignored']['patterns'][number];
type Owner = DataQuality['unresolvedOwners'][number];
type Unowned = DataQuality['unownedPaths'][number];

const PATTERN_COLUMNS: Columns<Pattern, 'pattern' | 'source' | 'files'> = {
  pattern: (p) => p.pattern,
  source: (p) => p.source,
  files: (p) => p.files,
};

const OWNER_COLUMNS: Columns<Owner, 'owner' | 'at' | 'rules' | 'probably'> = {
  owner: (o) => o.owner,
  // Numeric-aware: CODEOWNERS:9 before CODEOWNERS:10.
  at: (o) => `${o.file}:${o.line}`,
  rules: (o) => o.rules,
  probably: (o) => o.suggestion,
};

const RULE_COLUMNS: Columns<RuleFinding, 'rule' | 'pattern' | 'owners' | 'why'> = {
  rule: (r) => `${r.file}:${r.line}`,
  pattern: (r) => r.pattern,
  owners: (r) => r.owners.join(' '),
  why: (r) => r.why,
};

const UNOWNED_COLUMNS: Columns<Unowned, 'repo' | 'folder' | 'files'> = {
  repo: (p) => p.repo,
  folder: (p) => p.folder,
  files: (p) => p.files,
};

/** Where the page's tables come from. */
const json = () => jsonLinks.dataQuality();

function Noise({ ignored }: { ignored: DataQuality['ignored'] }) {
  const used = ignored.patterns.filter((p) => p.files > 0);
  const idle = ignored.patterns.filter((p) => p.files === 0);
  // The server's order: most files first.
  const { rows, header } = useSort(used, PATTERN_COLUMNS, 'files');
  return (
    <>
      <p>
        {ignored.files === 0 && ignored.commits === 0
          ? 'Nothing was left out: no file at HEAD matches an ignore pattern.'
          : `${num(ignored.files)} ${ignored.files === 1 ? 'file' : 'files'} at HEAD left out, and ${num(ignored.commits)} ${ignored.commits === 1 ? 'commit' : 'commits'} in the window that touched only them (those count for nothing).`}{' '}
        <span className="small muted">
          Patterns come from orgwire’s defaults (lock files, vendored and generated code),{' '}
          <code>linguist-generated</code> in .gitattributes, <code>ignore:</code> in orgwire.yaml
          and <code>--ignore</code>; <code>!pattern</code> takes a path back.
        </span>
      </p>
      {used.length > 0 ? (
        <TableWrap label="Ignore patterns that left files out" json={json()}>
          <table>
            <caption className="visually-hidden">
              Ignore patterns that left files out, most files first until a column button sorts them
            </caption>
            <thead>
              <tr>
                <SortHeader {...header('pattern')}>Pattern</SortHeader>
                <SortHeader {...header('source')}>From</SortHeader>
                <SortHeader {...header('files')} numeric>
                  Files
                </SortHeader>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={`${p.pattern}\u0000${p.source}`}>
                  <th scope="row">
                    <code>{p.pattern}</code>
                  </th>
                  <td>{p.source}</td>
                  <td className="num">{num(p.files)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {idle.length > 0 ? (
        <details className="more">
          <summary>
            {num(idle.length)} more {idle.length === 1 ? 'pattern' : 'patterns'} in force that
            matched no file
          </summary>
          <ul className="inline-list small">
            {idle.map((p) => (
              <li key={`${p.pattern}\u0000${p.source}`}>
                <code>{p.pattern}</code> <span className="muted">({p.source})</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

function UnknownOwners({ owners }: { owners: DataQuality['unresolvedOwners'] }) {
  const { rows, header } = useSort(owners, OWNER_COLUMNS);
  if (owners.length === 0) {
    return <p>Every owner CODEOWNERS names is a Group or User of the catalog.</p>;
  }
  return (
    <>
      <p className="small">
        Rules naming only these owners give their files to nobody. Give the catalog Group a{' '}
        <code>github.com/team-slug</code> annotation (or the User a{' '}
        <code>github.com/user-login</code>) that matches, or correct the CODEOWNERS line.
      </p>
      <TableWrap label="CODEOWNERS owners that match no Group or User" json={json()}>
        <table>
          <caption className="visually-hidden">
            CODEOWNERS owners that match no Group or User, with the first line naming each
          </caption>
          <thead>
            <tr>
              <SortHeader {...header('owner')}>Owner</SortHeader>
              <SortHeader {...header('at')}>First named at</SortHeader>
              <SortHeader {...header('rules')} numeric>
                Rules
              </SortHeader>
              <SortHeader {...header('probably')}>Probably</SortHeader>
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr key={o.owner}>
                <th scope="row">
                  <code>{o.owner}</code>
                </th>
                <td className="break">
                  {o.file}:{o.line}
                </td>
                <td className="num">{num(o.rules)}</td>
                <td>
                  {o.suggestion ? (
                    <>
                      Did you mean <code>{o.suggestion}</code>?
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

function Rules({
  title,
  term,
  rules,
  empty,
}: {
  title: string;
  /** The glossary entry of the kind of rule. */
  term: TermId;
  rules: RuleFinding[];
  empty: string;
}) {
  const { rows, header } = useSort(rules, RULE_COLUMNS);
  return (
    <>
      <h3>
        <Term id={term}>{title}</Term>
      </h3>
      {rules.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <TableWrap label={title} json={json()}>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <SortHeader {...header('rule')}>Rule</SortHeader>
                <SortHeader {...header('pattern')}>Pattern</SortHeader>
                <SortHeader {...header('owners')}>Owners</SortHeader>
                <SortHeader {...header('why')}>Why</SortHeader>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.file}:${r.line}`}>
                  <th scope="row" className="break">
                    {r.file}:{r.line}
                  </th>
                  <td>
                    <code>{r.pattern}</code>
                  </td>
                  <td className="break">{r.owners.join(' ')}</td>
                  <td className="small">
                    {r.why} <span className="muted">{r.hint}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

function Unowned({ data }: { data: DataQuality }) {
  // The server's order: most files first.
  const { rows, header } = useSort(data.unownedPaths, UNOWNED_COLUMNS, 'files');
  if (data.unownedPaths.length === 0 && data.ownerlessComponents.length === 0) {
    return <p>Every file at HEAD belongs to a catalog component or a CODEOWNERS rule.</p>;
  }
  return (
    <>
      <p className="small">
        These count as folders owned by nobody. Give them an owner with a CODEOWNERS rule or a
        catalog component’s <code>orgwire.dev/paths</code>, or leave them out as noise with{' '}
        <code>ignore:</code> in orgwire.yaml.
      </p>
      {data.unownedPaths.length > 0 ? (
        <TableWrap label="Files without an owner, per folder" json={json()}>
          <table>
            <caption className="visually-hidden">
              Files no component or rule covers, per repository and top-level folder
            </caption>
            <thead>
              <tr>
                <SortHeader {...header('repo')}>Repository</SortHeader>
                <SortHeader {...header('folder')}>Folder</SortHeader>
                <SortHeader {...header('files')} numeric>
                  Files
                </SortHeader>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={`${p.repo}\u0000${p.folder}`}>
                  <td>{p.repo}</td>
                  <th scope="row" className="break">
                    {p.folder === '/' || p.folder === '' ? (
                      <>
                        / <span className="muted small">(files at the top level)</span>
                      </>
                    ) : (
                      p.folder
                    )}
                  </th>
                  <td className="num">{num(p.files)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </>
  );
}

function DataQualityView({ data }: { data: DataQuality }) {
  const { coverage } = data;
  const unownedFiles = data.unownedPaths.reduce((n, p) => n + p.files, 0);
  return (
    <>
      <PageHeader title="Data quality">
        <p>
          What keeps the figures from being true to the organisation, between {data.window.since}{' '}
          and {data.window.until}, and what fixes each: people the catalog does not know, noise left
          out on purpose, and ownership that names nobody or nothing.
        </p>
      </PageHeader>
      <CoverageWarning coverage={coverage} />

      <section className="card" aria-labelledby="dq-coverage">
        <h2 id="dq-coverage">
          <Term id="coverage">Coverage</Term>
        </h2>
        <CoverageFigure coverage={coverage} />
        <dl className="stats">
          <div>
            <dt>commits by people</dt>
            <dd>{num(coverage.peopleCommits)}</dd>
          </div>
          <div>
            <dt>credited to a team</dt>
            <dd>{num(coverage.creditedCommits)}</dd>
          </div>
          <div>
            <dt>
              <Term id="bot">bot</Term> commits (left out)
            </dt>
            <dd>{num(coverage.botCommits)}</dd>
          </div>
          <div>
            <dt>authors who are no User</dt>
            <dd>{num(coverage.unmatchedAuthors)}</dd>
          </div>
        </dl>
        <p className="muted small">
          Below {pct(coverage.warnBelow)} the figures speak for too few people to lead with, and
          every headline says so.
        </p>
      </section>

      <h2 id="dq-authors">
        <Term id="unmatched-author">Authors who are no User</Term>
      </h2>
      <UnmatchedAuthors authors={data.unmatched} />

      <h2 id="dq-noise">
        <Term id="noise">Left out as noise</Term>
      </h2>
      <Noise ignored={data.ignored} />

      <h2 id="dq-owners">CODEOWNERS owners that match nobody</h2>
      <UnknownOwners owners={data.unresolvedOwners} />

      <section aria-labelledby="dq-rules">
        <h2 id="dq-rules">CODEOWNERS rules that do nothing</h2>
        <Rules
          title="Dead rules: they match no file"
          term="dead-rule"
          rules={data.deadRules}
          empty="Every rule matches a file at HEAD."
        />
        <Rules
          title="Shadowed rules: a later rule takes every file"
          term="shadowed-rule"
          rules={data.shadowedRules}
          empty="No rule is wholly overridden by a later one."
        />
        <p className="muted small">
          <code>orgwire owners --check</code> lists the same in CI and fails the build on any.
        </p>
      </section>

      <h2 id="dq-components">Components without files</h2>
      {data.componentsWithoutFiles.length === 0 ? (
        <p>Every catalog component with paths matched files at HEAD.</p>
      ) : (
        <>
          <p className="small">
            Their <code>orgwire.dev/paths</code> match no file at HEAD, so no work is counted for
            them. Correct the paths (they are relative to the repository), or leave a component
            without paths if it lives elsewhere.
          </p>
          <ul className="inline-list">
            {data.componentsWithoutFiles.map((c) => (
              <li key={c.ref}>
                <EntityLink entity={c.ref} label={c.label} />
              </li>
            ))}
          </ul>
        </>
      )}

      <h2 id="dq-unowned">
        Paths without an owner
        {unownedFiles > 0 ? (
          <span className="muted small"> ({num(unownedFiles)} files)</span>
        ) : null}
      </h2>
      <Unowned data={data} />
    </>
  );
}

export function DataQualityPage() {
  const query = useQuery(queries.dataQuality());
  return (
    <Loaded query={query} what="data quality">
      {(data) => <DataQualityView data={data} />}
    </Loaded>
  );
}
