import { Link } from 'react-router';
import type { Coverage } from '../../../src/server/api-types.js';
import { num, pct } from '../format.js';
import { Term } from './Term.js';

/** Coverage as a headline figure: the big number and what it counts. */
export function CoverageFigure({ coverage }: { coverage: Coverage }) {
  return (
    <div className="figure">
      <p className={coverage.warning ? 'big-number is-warn' : 'big-number'}>
        {pct(coverage.share)}
      </p>
      {coverage.share === null ? (
        <p>
          <Term id="coverage">coverage</Term>: no team to credit commits to (teams are inferred, or
          there are no commits by people in the window).
        </p>
      ) : (
        <p>
          <Term id="coverage">coverage</Term>: of the {num(coverage.peopleCommits)} commits by
          people, <strong>{num(coverage.creditedCommits)}</strong> are credited to a team.
        </p>
      )}
    </div>
  );
}

/** "Only 3% … credited": the plain sentence a warning leads with. */
export function coverageSentence(coverage: Coverage): string {
  const share = coverage.share ?? 0;
  const tail =
    share < 0.5
      ? 'these figures speak for a few people'
      : `these figures leave out ${pct(1 - share)} of the work`;
  return `Only ${pct(share)} of the people\u2019s commits are credited to a team \u2014 ${tail}.`;
}

/**
 * Below the warning level, a plain warning for the headline area: how little the figures
 * see, the authors who would lift it most, and what fixes it. Nothing when coverage is fine.
 */
export function CoverageWarning({ coverage }: { coverage: Coverage }) {
  if (!coverage.warning) return null;
  return (
    <div className="callout callout-warn" role="note" aria-label="Coverage warning">
      <p>
        <strong>{coverageSentence(coverage)}</strong>
      </p>
      {coverage.lifters.length > 0 ? (
        <>
          <p className="small">Most of the uncredited work is by:</p>
          <ul className="compact small">
            {coverage.lifters.map((author) => (
              <li key={author.email}>
                {author.name} <span className="muted">&lt;{author.email}&gt;</span>,{' '}
                {num(author.commits)} commits
                {author.suggestion ? (
                  <>
                    {' '}
                    — probably <strong>{author.suggestion.label}</strong>
                  </>
                ) : (
                  <span className="muted"> — no User looks like them</span>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="small">
        Fix: <code>orgwire identities --accept</code> (with the same <code>--repo</code> and{' '}
        <code>--catalog</code>) keeps the probable Users as aliases in orgwire.yaml; add the others
        as Users of the catalog.{' '}
        <Link to="/data-quality">Every author on the data quality page</Link>
      </p>
    </div>
  );
}
