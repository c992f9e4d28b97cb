import { Link, useLocation } from 'react-router';
import { PageHeader } from '../components/PageHeader.js';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader title="Page not found">
        <p>
          There is no page at <code>{pathname}</code>.
        </p>
      </PageHeader>
      <p>
        Go to the <Link to="/">overview</Link>, the <Link to="/map">org map</Link> or the{' '}
        <Link to="/teams">teams</Link>, or search with the box at the top.
      </p>
    </>
  );
}
