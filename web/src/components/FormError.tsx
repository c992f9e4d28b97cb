import { Link } from 'react-router';
import { ApiRequestError } from '../api.js';

/** What the API said was wrong with a write, in its own words, and what to do about it. */
export function FormError({ error }: { error: Error | null }) {
  if (!error) return null;
  const status = error instanceof ApiRequestError ? error.status : 0;
  return (
    <div className="form-error" role="alert">
      <p>{error.message}</p>
      {status === 401 || status === 403 ? (
        <p>
          Check the token in <Link to="/settings">settings</Link>.
        </p>
      ) : null}
    </div>
  );
}
