import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';

/**
 * Whether a collapsed row is open: closed, unless the URL's #fragment names it (`id`) — on
 * arrival, or later when a link on the same page changes only the fragment.
 */
export function useOpenedByHash(
  id: string,
): [boolean, (update: (open: boolean) => boolean) => void] {
  const { hash } = useLocation();
  const [open, setOpen] = useState(hash === `#${id}`);
  useEffect(() => {
    if (hash === `#${id}`) setOpen(true);
  }, [hash, id]);
  return [open, setOpen];
}

/** The button that opens and closes a collapsed row's details (`controls`: their id). */
export function RowToggle({
  open,
  controls,
  label,
  onToggle,
}: {
  open: boolean;
  controls: string;
  /** What the row is, for screen readers: "Details of LABEL". */
  label: string;
  onToggle: () => void;
}) {
  return (
    <button
      type="button"
      className="secondary small bet-row-toggle"
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
    >
      <span aria-hidden="true" className="chevron">
        ▸
      </span>{' '}
      <span className="toggle-word">Details</span>
      <span className="visually-hidden"> of {label}</span>
    </button>
  );
}
