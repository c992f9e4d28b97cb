import type { PlotOptions } from '@observablehq/plot';
import * as Plot from '@observablehq/plot';
import { useEffect, useRef, useState } from 'react';

interface Props {
  /** Builds the plot's options for a width in pixels. */
  options: (width: number) => PlotOptions;
  /** What the chart shows, for screen readers (the same data is in text beside it). */
  label: string;
  className?: string;
}

/** An Observable Plot chart that fits its container's width and redraws when that changes. */
export function PlotFigure({ options, label, className }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el || width === 0) return;
    const chart = Plot.plot({ ...options(width), width, ariaLabel: label });
    el.append(chart);
    return () => chart.remove();
  }, [options, width, label]);

  return <div ref={ref} className={`plot ${className ?? ''}`} />;
}
