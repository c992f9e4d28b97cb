import { type MouseEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { BetCard } from '../../../src/server/api-types.js';
import { isDecided } from '../bets-filters.js';
import { pct, refTarget } from '../format.js';
import {
  type Area,
  cut,
  DOT_R,
  DOT_SPACING,
  LABEL_HEIGHT,
  type LabelInput,
  layoutDots,
  type PlacedDot,
  type PlacedLabel,
  placeLabels,
} from './BetMatrixLayout.js';

/** Room around the plot area: tick labels on the left, quadrant names above and below. */
const MARGIN = { top: 24, right: 8, bottom: 40, left: 40 };
const LABEL_FONT_PX = 12;
/** Random sequential packing of squares stalls near 55 % cover: ask for twice the room. */
const PACKING = 0.45;

/** The words a dot's label and its accessible name give for a bet's state. */
export function betState(bet: BetCard): string | null {
  if (isDecided(bet.status)) return bet.status;
  return bet.overdue ? 'overdue' : null;
}

/** A dot's accessible name: number, title, quadrant, both figures, status, overdue. */
export function dotName(bet: BetCard, n: number): string {
  return `${n}. ${bet.label}: ${bet.quadrant ?? 'impact unknown'}, impact ${pct(bet.impact)}, feasibility ${pct(bet.feasibility)}, ${bet.status}${bet.overdue ? ', overdue' : ''}`;
}

/** Text widths as the page's font draws them (a canvas measures what SVG text will take). */
function useMeasure(host: HTMLElement | null): (text: string) => number {
  return useMemo(() => {
    const context =
      typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    const family = host ? getComputedStyle(host).fontFamily : 'system-ui, sans-serif';
    if (context) context.font = `${LABEL_FONT_PX}px ${family}`;
    const cache = new Map<string, number>();
    return (text: string) => {
      let width = cache.get(text);
      if (width === undefined) {
        width = context ? context.measureText(text).width : text.length * LABEL_FONT_PX * 0.6;
        cache.set(text, width);
      }
      return width;
    };
  }, [host]);
}

interface Layout {
  width: number;
  height: number;
  area: Area;
  dots: PlacedDot[];
  labels: PlacedLabel[];
}

/**
 * The matrix at `width` pixels: the dots first (the area grows taller until every dot has
 * room of its own), then as many labels as fit without touching anything.
 */
function layout(
  bets: readonly BetCard[],
  numbers: ReadonlyMap<string, number>,
  width: number,
  measure: (text: string) => number,
): Layout {
  const innerWidth = width - MARGIN.left - MARGIN.right;
  const wanted = (bets.length * DOT_SPACING * DOT_SPACING) / PACKING / Math.max(1, innerWidth);
  let innerHeight = Math.max(Math.min(480, Math.max(240, width * 0.55)), wanted);
  const inputs = bets.map((b) => ({ key: b.ref, x: b.feasibility, y: b.impact ?? 0 }));
  for (let attempt = 0; ; attempt++) {
    const area = {
      x0: MARGIN.left,
      x1: MARGIN.left + innerWidth,
      y0: MARGIN.top,
      y1: MARGIN.top + innerHeight,
    };
    const dots = layoutDots(inputs, area);
    if (dots || attempt === 12) {
      const placed = dots ?? [];
      const longest = Math.max(96, Math.min(280, innerWidth * 0.3));
      const texts: LabelInput[] = bets.map((bet) => {
        const state = betState(bet);
        const suffix = state ? ` · ${state}` : '';
        return {
          key: bet.ref,
          texts: [longest, longest * 0.6].map(
            (w) => `${cut(bet.label, w - measure(suffix), measure)}${suffix}`,
          ),
        };
      });
      // Open bets are labelled first: they are what the matrix is for.
      texts.sort((a, b) => {
        const da = isDecided(bets.find((x) => x.ref === a.key)?.status ?? '') ? 1 : 0;
        const db = isDecided(bets.find((x) => x.ref === b.key)?.status ?? '') ? 1 : 0;
        return da - db || (numbers.get(a.key) ?? 0) - (numbers.get(b.key) ?? 0);
      });
      const labels = placeLabels(placed, texts, measure, area);
      return {
        width,
        height: MARGIN.top + innerHeight + MARGIN.bottom,
        area,
        dots: placed,
        labels,
      };
    }
    innerHeight *= 1.25;
  }
}

interface Props {
  /** The bets to draw (each with a known impact), in the list's order. */
  bets: readonly BetCard[];
  /** Each bet's number, as the list shows it. */
  numbers: ReadonlyMap<string, number>;
}

/**
 * The impact × feasibility matrix as SVG: one focusable dot per bet that links to its page,
 * numbered as in the list; no dot's box meets another's and no label meets a dot or a label
 * (see BetMatrixLayout). Open bets are round; decided bets square, with their status after
 * their name; bets past their decide-by date red with a dashed ring and "overdue" after their
 * name. A dot moved off its true position keeps a thin line to it.
 */
export function BetMatrix({ bets, numbers }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [hostElement, setHostElement] = useState<HTMLDivElement | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const navigate = useNavigate();
  const measure = useMeasure(hostElement);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    setHostElement(el);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const drawn = useMemo(
    () => (width > 0 ? layout(bets, numbers, width, measure) : null),
    [bets, numbers, width, measure],
  );
  const byRef = useMemo(() => new Map(bets.map((b) => [b.ref, b])), [bets]);
  const activeBet = active ? byRef.get(active) : undefined;

  const follow = (event: MouseEvent, to: string) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    event.preventDefault();
    void navigate(to);
  };

  return (
    <div className="bet-matrix">
      <div
        ref={host}
        className="bet-matrix-canvas"
        data-testid="bet-matrix"
        style={drawn ? { height: drawn.height } : undefined}
      >
        {drawn ? (
          <>
            <svg
              className="bet-layer"
              width={drawn.width}
              height={drawn.height}
              aria-hidden="true"
              focusable="false"
            >
              <Axes area={drawn.area} />
              <g className="bet-leaders">
                {drawn.dots
                  .filter((d) => Math.hypot(d.cx - d.tx, d.cy - d.ty) > DOT_R)
                  .map((d) => (
                    <g key={d.key}>
                      <line x1={d.tx} y1={d.ty} x2={d.cx} y2={d.cy} />
                      <circle cx={d.tx} cy={d.ty} r={2} />
                    </g>
                  ))}
              </g>
            </svg>
            {/* biome-ignore lint/a11y/useSemanticElements: a group of links drawn in SVG; a fieldset groups form controls */}
            <svg
              className="bet-layer bet-layer-dots"
              width={drawn.width}
              height={drawn.height}
              role="group"
              aria-label="Bets placed by feasibility and impact; each dot links to its bet"
              data-drawn="true"
            >
              {drawn.dots.map((d) => {
                const bet = byRef.get(d.key);
                if (!bet) return null;
                const n = numbers.get(bet.ref) ?? 0;
                const to = refTarget(bet.ref);
                const href = to.kind === 'page' ? to.to : '#';
                const decided = isDecided(bet.status);
                const classes = [
                  'bet-dot',
                  decided ? `is-decided is-${bet.status}` : 'is-open',
                  bet.overdue ? 'is-overdue' : '',
                  active === bet.ref ? 'is-active' : '',
                ]
                  .filter(Boolean)
                  .join(' ');
                return (
                  <a
                    key={d.key}
                    href={href}
                    className={classes}
                    aria-label={dotName(bet, n)}
                    data-bet={bet.name}
                    onClick={(e) => follow(e, href)}
                    onFocus={() => setActive(bet.ref)}
                    onBlur={() => setActive((a) => (a === bet.ref ? null : a))}
                    onMouseEnter={() => setActive(bet.ref)}
                    onMouseLeave={() => setActive((a) => (a === bet.ref ? null : a))}
                  >
                    {decided ? (
                      <rect
                        className="bet-dot-mark"
                        x={d.cx - DOT_R + 1}
                        y={d.cy - DOT_R + 1}
                        width={2 * DOT_R - 2}
                        height={2 * DOT_R - 2}
                        rx={3}
                      />
                    ) : (
                      <circle className="bet-dot-mark" cx={d.cx} cy={d.cy} r={DOT_R - 0.75} />
                    )}
                    <text className="bet-dot-n" x={d.cx} y={d.cy}>
                      {n}
                    </text>
                  </a>
                );
              })}
            </svg>
            <svg
              className="bet-layer bet-layer-labels"
              width={drawn.width}
              height={drawn.height}
              aria-hidden="true"
              focusable="false"
            >
              {drawn.labels.map((l) => (
                <text
                  key={l.key}
                  className={`bet-label${active === l.key ? ' is-active' : ''}`}
                  x={l.x + 1}
                  y={l.y + LABEL_HEIGHT / 2}
                >
                  {l.text}
                </text>
              ))}
            </svg>
          </>
        ) : null}
      </div>
      <p className="bet-matrix-readout small" aria-hidden="true">
        {activeBet ? (
          <>
            <strong>
              {numbers.get(activeBet.ref)}. {activeBet.label}
            </strong>{' '}
            — {activeBet.quadrant ?? 'impact unknown'}, impact {pct(activeBet.impact)}, feasibility{' '}
            {pct(activeBet.feasibility)}, {activeBet.status}
            {activeBet.overdue ? ', overdue' : ''}
          </>
        ) : (
          <span className="muted">
            Point at or tab to a dot to see its bet; press Enter to open it.
          </span>
        )}
      </p>
    </div>
  );
}

/** The frame, the 50 % lines, ticks, quadrant names and axis titles, all outside the dots' way. */
function Axes({ area }: { area: Area }) {
  const { x0, x1, y0, y1 } = area;
  const midX = (x0 + x1) / 2;
  const midY = (y0 + y1) / 2;
  const qx = (share: number) => x0 + share * (x1 - x0);
  return (
    <g className="bet-axes">
      <rect className="bet-frame" x={x0} y={y0} width={x1 - x0} height={y1 - y0} />
      <line className="bet-mid" x1={midX} y1={y0} x2={midX} y2={y1} />
      <line className="bet-mid" x1={x0} y1={midY} x2={x1} y2={midY} />
      <text className="bet-tick" x={x0 - 6} y={y0 + DOT_R} textAnchor="end">
        100%
      </text>
      <text className="bet-tick" x={x0 - 6} y={midY} textAnchor="end">
        50%
      </text>
      <text className="bet-tick" x={x0 - 6} y={y1 - DOT_R} textAnchor="end">
        0%
      </text>
      <text className="bet-tick" x={x0 + DOT_R} y={y1 + 14} textAnchor="middle">
        0%
      </text>
      <text className="bet-tick" x={midX} y={y1 + 14} textAnchor="middle">
        50%
      </text>
      <text className="bet-tick" x={x1 - DOT_R} y={y1 + 14} textAnchor="middle">
        100%
      </text>
      <text className="bet-axis-title" x={x0 - 36} y={y0 - 10}>
        ↑ impact
      </text>
      <text className="bet-axis-title" x={x1} y={y1 + 32} textAnchor="end">
        feasibility →
      </text>
      <text className="bet-quadrant" x={qx(0.25)} y={y0 - 8} textAnchor="middle">
        big bet
      </text>
      <text className="bet-quadrant" x={qx(0.75)} y={y0 - 8} textAnchor="middle">
        quick win
      </text>
      <text className="bet-quadrant" x={qx(0.25)} y={y1 + 14} textAnchor="middle">
        money pit
      </text>
      <text className="bet-quadrant" x={qx(0.75)} y={y1 + 14} textAnchor="middle">
        fill-in
      </text>
    </g>
  );
}
