import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { BetPage, CheckinBody } from '../../../src/server/api-types.js';
import { api } from '../api.js';
import { queries } from '../queries.js';
import { FormError } from './FormError.js';

type Status = NonNullable<CheckinBody['status']>;
const STATUSES = [
  'proposed',
  'active',
  'won',
  'lost',
  'killed',
  'inconclusive',
] as const satisfies readonly Status[];

/** Record a check-in on a bet: a status, an outcome value, a note. */
export function CheckinForm({ ns, name }: { ns: string; name: string }) {
  const id = useId();
  const client = useQueryClient();
  const [status, setStatus] = useState<Status | ''>('');
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: (body: CheckinBody) => api.postCheckin(ns, name, body),
    onSuccess: (checkin) => {
      // Show it at once, then let every view that summarises bets catch up.
      client.setQueryData<BetPage>(queries.bet(ns, name).queryKey, (bet) =>
        bet ? { ...bet, latestCheckin: checkin, checkins: [checkin, ...bet.checkins] } : bet,
      );
      void client.invalidateQueries({ queryKey: ['bet', ns, name] });
      void client.invalidateQueries({ queryKey: ['bets'] });
      void client.invalidateQueries({ queryKey: ['overview'] });
      void client.invalidateQueries({ queryKey: ['team'] });
      void client.invalidateQueries({ queryKey: ['component'] });
      setStatus('');
      setOutcome('');
      setNote('');
      setDone('Check-in recorded.');
    },
    onError: () => setDone(null),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: CheckinBody = { note: note.trim() };
    if (status !== '') body.status = status;
    if (outcome.trim() !== '') body.outcomeValue = Number(outcome);
    mutation.mutate(body);
  };

  return (
    <form className="form card" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Check in</h3>
      <div className="field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(e) => setStatus(e.target.value as Status | '')}
        >
          <option value="">unchanged</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-outcome`}>Outcome value (optional)</label>
        <input
          id={`${id}-outcome`}
          type="number"
          step="any"
          inputMode="decimal"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
          aria-describedby={`${id}-outcome-hint`}
        />
        <p id={`${id}-outcome-hint`} className="hint">
          The called shot’s metric as measured now.
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>Note</label>
        <textarea
          id={`${id}-note`}
          rows={3}
          required
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <FormError error={mutation.error} />
      <div className="form-actions">
        <button type="submit" disabled={mutation.isPending || note.trim() === ''}>
          {mutation.isPending ? 'Saving…' : 'Record check-in'}
        </button>
        <span role="status" className="status">
          {done}
        </span>
      </div>
    </form>
  );
}
