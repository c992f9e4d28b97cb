import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { setToken } from '../api.js';
import { useToken } from '../use-token.js';

/** Paste a token (kept in this browser's localStorage), or forget the one that is kept. */
export function TokenForm({ onSaved }: { onSaved?: () => void }) {
  const id = useId();
  const token = useToken();
  const client = useQueryClient();
  const [value, setValue] = useState('');
  const [saved, setSaved] = useState<string | null>(null);

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim() === '') return;
    setToken(value);
    setValue('');
    setSaved('Token saved in this browser.');
    void client.invalidateQueries();
    onSaved?.();
  };
  const clear = () => {
    setToken(null);
    setSaved('Token cleared.');
    void client.invalidateQueries();
  };

  return (
    <form className="form token-form" onSubmit={save}>
      <p>
        {token ? (
          <>
            A token is set (ending in <code>{token.slice(-4)}</code>).
          </>
        ) : (
          'No token is set.'
        )}
      </p>
      <label htmlFor={`${id}-token`}>Token</label>
      <div className="inline-fields">
        <input
          id={`${id}-token`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="Paste a token"
        />
        <button type="submit" disabled={value.trim() === ''}>
          Save token
        </button>
        {token ? (
          <button type="button" className="secondary" onClick={clear}>
            Clear token
          </button>
        ) : null}
      </div>
      <p className="status" role="status">
        {saved}
      </p>
    </form>
  );
}
