import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ApiRequestError, api, setToken } from '../api.js';
import { useToken } from '../use-token.js';

/** Paste a token (kept in this browser's localStorage), or forget the one that is kept. */
export function TokenForm({ onSaved }: { onSaved?: () => void }) {
  const id = useId();
  const token = useToken();
  const client = useQueryClient();
  const [value, setValue] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  // A token is kept only once the server says whose it is: a typo is caught here, not at
  // the first write.
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (value.trim() === '' || checking) return;
    setChecking(true);
    setSaved(null);
    try {
      const { name } = await api.checkToken(value);
      setToken(value);
      setValue('');
      setSaved(`Token saved in this browser: the server knows it as “${name}”.`);
      void client.invalidateQueries();
      onSaved?.();
    } catch (error) {
      setSaved(
        error instanceof ApiRequestError && (error.status === 401 || error.status === 403)
          ? 'The server does not know this token, so it was not saved. Check it, or make one with `orgwire token create`.'
          : `The token could not be checked, so it was not saved: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      setChecking(false);
    }
  };
  const clear = () => {
    setToken(null);
    setSaved('Token cleared.');
    void client.invalidateQueries();
  };

  return (
    <form className="form token-form" onSubmit={(e) => void save(e)}>
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
        <button type="submit" disabled={value.trim() === '' || checking}>
          {checking ? 'Checking…' : 'Save token'}
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
