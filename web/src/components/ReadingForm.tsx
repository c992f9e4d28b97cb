import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { ReadingBody } from '../../../src/server/api-types.js';
import { api } from '../api.js';
import { FormError } from './FormError.js';

/** Record a metric reading of a goal: its value, and when it was measured. */
export function ReadingForm({ goal, label }: { goal: string; label: string }) {
  const id = useId();
  const client = useQueryClient();
  const [value, setValue] = useState('');
  const [date, setDate] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const match = /^goal:([^/]+)\/(.+)$/.exec(goal);
  const ns = match?.[1] ?? 'default';
  const name = match?.[2] ?? goal;

  const mutation = useMutation({
    mutationFn: (body: ReadingBody) => api.postReading(ns, name, body),
    onSuccess: (reading) => {
      void client.invalidateQueries({ queryKey: ['bet'] });
      void client.invalidateQueries({ queryKey: ['bets'] });
      void client.invalidateQueries({ queryKey: ['overview'] });
      setValue('');
      setDate('');
      setDone(`Reading ${reading.value} recorded.`);
    },
    onError: () => setDone(null),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: ReadingBody = { value: Number(value) };
    if (date !== '') body.at = date;
    mutation.mutate(body);
  };

  return (
    <form className="form card" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Record a reading of “{label}”</h3>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-value`}>Value</label>
          <input
            id={`${id}-value`}
            type="number"
            step="any"
            inputMode="decimal"
            required
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>Measured on (optional, default now)</label>
          <input
            id={`${id}-date`}
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
          />
        </div>
      </div>
      <FormError error={mutation.error} />
      <div className="form-actions">
        <button type="submit" disabled={mutation.isPending || value.trim() === ''}>
          {mutation.isPending ? 'Saving…' : 'Record reading'}
        </button>
        <span role="status" className="status">
          {done}
        </span>
      </div>
    </form>
  );
}
