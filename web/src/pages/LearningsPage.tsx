import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { LearningList } from '../../../src/server/api-types.js';
import { LearningCard } from '../components/LearningCard.js';
import { LearningForm } from '../components/LearningForm.js';
import { PageHeader } from '../components/PageHeader.js';
import { Loaded } from '../components/QueryState.js';
import { Term } from '../components/Term.js';
import { queries } from '../queries.js';
import { useScrollToHash } from '../use-scroll-to-hash.js';
import { useToken } from '../use-token.js';

function LearningsView({ data }: { data: LearningList }) {
  const token = useToken();
  useScrollToHash(true);
  return (
    <>
      <PageHeader title="Learnings">
        <p>
          What the bets and incidents taught us, newest first:{' '}
          <Term id="learning">the situation, what complicated it, how it was resolved</Term>, and
          the lessons. Shared so that nobody has to learn them twice.
        </p>
      </PageHeader>
      {data.learnings.length === 0 ? (
        <p className="muted">No learning written yet.</p>
      ) : (
        <div className="learnings">
          {data.learnings.map((l) => (
            <LearningCard key={l.ref} learning={l} />
          ))}
        </div>
      )}
      <section id="write" aria-label="Write a learning">
        {token ? (
          <LearningForm />
        ) : (
          <p className="small">
            To write a learning, <Link to="/settings">set a token</Link>.
          </p>
        )}
      </section>
    </>
  );
}

export function LearningsPage() {
  const query = useQuery(queries.learnings());
  return (
    <Loaded query={query} what="learnings">
      {(data) => <LearningsView data={data} />}
    </Loaded>
  );
}
