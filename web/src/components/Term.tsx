import {
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { createPortal } from 'react-dom';
import { Link } from 'react-router';
import { glossaryEntry, type TermId } from '../glossary.js';
import '../glossary.css';

/** Space kept between the tooltip and the term, and between the tooltip and the viewport's edge. */
const GAP = 6;
const EDGE = 8;
/** Time to move the pointer from the term onto its tooltip before it closes. */
const LINGER_MS = 150;

/** Places the tooltip under the term (over it when there is no room), inside the viewport. */
function place(anchor: HTMLElement, tip: HTMLElement): void {
  const a = anchor.getBoundingClientRect();
  const t = tip.getBoundingClientRect();
  const below = a.bottom + GAP;
  const top =
    below + t.height <= window.innerHeight - EDGE || a.top - GAP - t.height < EDGE
      ? below
      : a.top - GAP - t.height;
  const left = Math.min(Math.max(EDGE, a.left), window.innerWidth - EDGE - t.width);
  tip.style.top = `${Math.round(top)}px`;
  tip.style.left = `${Math.round(Math.max(EDGE, left))}px`;
}

/**
 * A term of the glossary where it stands: the word, underlined as an abbreviation, with its
 * one-sentence definition as a tooltip on hover, on keyboard focus and on a first tap, hidden
 * again by Escape; the word links to its entry on the Glossary page (a second tap follows it).
 * The definition is the link's accessible description whether or not it shows. The tooltip
 * lives at the end of the document, so that a table cell's or a heading's text stays the word
 * alone (a table's CSV, a heading's name) and no scrolling box clips it.
 */
export function Term({ id, children }: { id: TermId; children?: ReactNode }) {
  const entry = glossaryEntry(id);
  const tipId = useId();
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLSpanElement>(null);
  const link = useRef<HTMLAnchorElement>(null);
  const tip = useRef<HTMLSpanElement>(null);
  const linger = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Whether the press that leads to a click was a touch, and whether the tooltip showed before it.
  const press = useRef<{ touch: boolean; wasOpen: boolean }>({ touch: false, wasOpen: false });

  const stopLinger = useCallback(() => {
    if (linger.current !== null) clearTimeout(linger.current);
    linger.current = null;
  }, []);
  const show = useCallback(() => {
    stopLinger();
    setOpen(true);
  }, [stopLinger]);
  const hide = useCallback(() => {
    stopLinger();
    setOpen(false);
  }, [stopLinger]);

  useLayoutEffect(() => {
    if (!open || !link.current || !tip.current) return;
    const anchor = link.current;
    const box = tip.current;
    place(anchor, box);
    const follow = () => place(anchor, box);
    window.addEventListener('scroll', follow, true);
    window.addEventListener('resize', follow);
    return () => {
      window.removeEventListener('scroll', follow, true);
      window.removeEventListener('resize', follow);
    };
  }, [open]);

  // While it shows: Escape hides it wherever focus is (it may show by hover alone), and a
  // tap or click elsewhere hides it.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') hide();
    };
    const onPointer = (event: globalThis.PointerEvent) => {
      const target = event.target as Node;
      if (!wrap.current?.contains(target) && !tip.current?.contains(target)) hide();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, hide]);

  useEffect(() => stopLinger, [stopLinger]);

  const onPointerEnter = (event: PointerEvent) => {
    if (event.pointerType === 'mouse') show();
  };
  // Leaving the term for its tooltip (or back) keeps it: the pointer may rest on either.
  const onPointerLeave = (event: PointerEvent) => {
    if (event.pointerType !== 'mouse' || link.current === document.activeElement) return;
    stopLinger();
    linger.current = setTimeout(() => setOpen(false), LINGER_MS);
  };
  const onTipEnter = (event: PointerEvent) => {
    if (event.pointerType === 'mouse') stopLinger();
  };
  const onPointerDown = (event: PointerEvent) => {
    press.current = { touch: event.pointerType !== 'mouse', wasOpen: open };
  };
  const onClick = (event: MouseEvent) => {
    const { touch, wasOpen } = press.current;
    press.current = { touch: false, wasOpen: false };
    // On a touch screen the first tap shows the definition; the second follows the link.
    if (touch && !wasOpen) {
      event.preventDefault();
      show();
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      hide();
    }
  };

  const tooltip = (
    <span
      ref={tip}
      id={tipId}
      role="tooltip"
      className="term-tip"
      hidden={!open}
      onPointerEnter={onTipEnter}
      onPointerLeave={onPointerLeave}
    >
      {entry.short}
    </span>
  );
  return (
    <span
      ref={wrap}
      className="term"
      onPointerEnter={onPointerEnter}
      onPointerLeave={onPointerLeave}
    >
      <Link
        ref={link}
        to={`/glossary#${id}`}
        className="term-link"
        aria-describedby={tipId}
        data-term={id}
        onFocus={show}
        onBlur={hide}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onClick={onClick}
      >
        {children ?? entry.term}
      </Link>
      {createPortal(tooltip, document.body)}
    </span>
  );
}
