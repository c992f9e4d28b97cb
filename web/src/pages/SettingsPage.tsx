import { PageHeader } from '../components/PageHeader.js';
import { TokenForm } from '../components/TokenForm.js';

export function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings">
        <p>
          Anyone can read the radiator. Writing — check-ins on bets, metric readings of goals,
          learnings — needs a token, and so does reading when the server was started with{' '}
          <code>--read-token</code>.
        </p>
      </PageHeader>
      <section className="card" aria-labelledby="token-h">
        <h2 id="token-h">Your token</h2>
        <p>
          Whoever runs orgwire creates one with <code>orgwire token create</code>, or sets{' '}
          <code>ORGWIRE_TOKEN</code> when starting the server. The token is kept in this browser’s
          local storage only and sent with each request as <code>Authorization: Bearer …</code>.
        </p>
        <TokenForm />
      </section>
    </>
  );
}
