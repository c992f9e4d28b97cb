import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'good' | 'warn' | 'bad' | 'info';

/** A short label in a tinted pill; the words carry the meaning, the tint only repeats it. */
export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

const STATUS_TONE: Record<string, Tone> = {
  proposed: 'info',
  active: 'info',
  won: 'good',
  lost: 'bad',
  killed: 'bad',
  inconclusive: 'neutral',
};

export function StatusBadge({ status }: { status: string | null }) {
  if (!status) return null;
  return <Badge tone={STATUS_TONE[status] ?? 'neutral'}>{status}</Badge>;
}

export function WiredBadge({ wired, via }: { wired: boolean; via?: string | null }) {
  if (!wired) return <Badge tone="bad">unwired</Badge>;
  return <Badge tone="good">{via ? `wired: ${via}` : 'wired'}</Badge>;
}
