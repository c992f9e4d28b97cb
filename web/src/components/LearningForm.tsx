import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { LearningBody } from '../../../src/server/api-types.js';
import { api } from '../api.js';
import { queries } from '../queries.js';
import { FormError } from './FormError.js';

const EMPTY = {
  title: '',
  bet: '',
  incident: '',
  situation: '',
  complication: '',
  resolution: '',
  lessons: '',
  date: '',
};

type Field = keyof typeof EMPTY;

/** Write a learning: Situation — Complication — Resolution, and the lessons, one a line. */
export function LearningForm() {
  const id = useId();
  const client = useQueryClient();
  const bets = useQuery(queries.bets());
  const [form, setForm] = useState(EMPTY);
  const [done, setDone] = useState<string | null>(null);
  const set = (field: Field) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));

  const mutation = useMutation({
    mutationFn: (body: LearningBody) => api.postLearning(body),
    onSuccess: (learning) => {
      void client.invalidateQueries({ queryKey: ['learnings'] });
      void client.invalidateQueries({ queryKey: ['overview'] });
      void client.invalidateQueries({ queryKey: ['bet'] });
      void client.invalidateQueries({ queryKey: ['team'] });
      setForm(EMPTY);
      setDone(`“${learning.label}” is shared.`);
    },
    onError: () => setDone(null),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: LearningBody = {
      title: form.title.trim(),
      situation: form.situation.trim(),
      complication: form.complication.trim(),
      resolution: form.resolution.trim(),
      lessons: form.lessons
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    };
    if (form.bet !== '') body.bet = form.bet;
    if (form.incident.trim() !== '') body.incident = form.incident.trim();
    if (form.date !== '') body.date = form.date;
    mutation.mutate(body);
  };

  const text = (field: Field, label: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <textarea
        id={`${id}-${field}`}
        rows={3}
        required
        value={form[field]}
        onChange={set(field)}
        aria-describedby={hint ? `${id}-${field}-hint` : undefined}
      />
      {hint ? (
        <p id={`${id}-${field}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );

  return (
    <form className="form card" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Write a learning</h2>
      <p className="small muted">
        A bet that lost is worth as much as one that won, if everyone can learn from it.
      </p>
      <div className="field">
        <label htmlFor={`${id}-title`}>Title</label>
        <input id={`${id}-title`} required value={form.title} onChange={set('title')} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-bet`}>Bet (optional)</label>
          <select id={`${id}-bet`} value={form.bet} onChange={set('bet')}>
            <option value="">none</option>
            {(bets.data?.bets ?? []).map((b) => (
              <option key={b.ref} value={b.ref}>
                {b.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-incident`}>Incident (optional)</label>
          <input id={`${id}-incident`} value={form.incident} onChange={set('incident')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>Date (optional)</label>
          <input id={`${id}-date`} type="date" value={form.date} onChange={set('date')} />
        </div>
      </div>
      {text('situation', 'Situation', 'What was the case before: the context everyone agrees on.')}
      {text('complication', 'Complication', 'What changed or went wrong.')}
      {text('resolution', 'Resolution', 'What was done about it, and what happened.')}
      {text('lessons', 'Lessons', 'One lesson a line; at least one.')}
      <FormError error={mutation.error} />
      <div className="form-actions">
        <button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Share the learning'}
        </button>
        <span role="status" className="status">
          {done}
        </span>
      </div>
    </form>
  );
}
