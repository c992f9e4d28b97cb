import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_START_LABELS,
  type GithubStartRule,
  IN_PROGRESS,
  labelKey,
  timelineChanges,
  WAITING,
} from './github-timeline.js';
import { statusWaits } from './status-waits.js';

const rule: GithubStartRule = {
  assigned: true,
  labels: new Set(DEFAULT_START_LABELS.map(labelKey)),
};
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const assigned = (at: number, login: string, kind = 'assigned') => ({
  event: kind,
  created_at: iso(at),
  actor: { login: 'maintainer' },
  assignee: { login },
});
const labeled = (at: number, name: string, kind = 'labeled') => ({
  event: kind,
  created_at: iso(at),
  label: { name, color: 'ededed' },
});

describe('timelineChanges', () => {
  it('is in progress while someone is assigned or an in-progress label is on', () => {
    const timeline = [
      { event: 'commented', created_at: iso(5), body: 'any news?' },
      labeled(8, 'bug'),
      assigned(10, 'ana'),
      assigned(12, 'ben'),
      assigned(15, 'Ana', 'unassigned'),
      assigned(20, 'ben', 'unassigned'),
      labeled(30, 'Status: In-Progress'),
      // A commit event has no created_at: passed over.
      { event: 'committed', author: { date: iso(35) } },
      labeled(40, 'status: in progress', 'unlabeled'),
    ];
    expect(timelineChanges({ timeline }, rule)).toEqual([
      { at: 10, from: WAITING, to: IN_PROGRESS },
      { at: 20, from: IN_PROGRESS, to: WAITING },
      { at: 30, from: WAITING, to: IN_PROGRESS },
      { at: 40, from: IN_PROGRESS, to: WAITING },
    ]);
  });

  it('reads the events list as well, in time order, and follows the rule orgwire.yaml sets', () => {
    const events = [labeled(30, 'Doing'), assigned(10, 'ana'), labeled(40, 'doing', 'unlabeled')];
    const labelsOnly = { assigned: false, labels: new Set(['doing']) };
    expect(timelineChanges({ events }, labelsOnly)).toEqual([
      { at: 30, from: WAITING, to: IN_PROGRESS },
      { at: 40, from: IN_PROGRESS, to: WAITING },
    ]);
    expect(timelineChanges({ events }, rule)).toEqual([{ at: 10, from: WAITING, to: IN_PROGRESS }]);
  });

  it('takes the events of one second together: a label put on and taken off starts nothing', () => {
    const timeline = [
      labeled(1, 'in progress'),
      labeled(1, 'in progress', 'unlabeled'),
      assigned(5, 'ana'),
      assigned(5, 'ana', 'unassigned'),
      assigned(5, 'ben'),
    ];
    expect(timelineChanges({ timeline }, rule)).toEqual([
      { at: 5, from: WAITING, to: IN_PROGRESS },
    ]);
  });

  it('is undefined without a timeline, and empty when nothing ever started work', () => {
    expect(timelineChanges({ number: 1 }, rule)).toBeUndefined();
    expect(timelineChanges({ timeline: [labeled(3, 'bug')] }, rule)).toEqual([]);
  });

  it('waits exactly the seconds in which nobody was assigned and no in-progress label was on', () => {
    const step = fc.record({
      at: fc.integer({ min: 0, max: 60 }),
      kind: fc.constantFrom('assigned', 'unassigned', 'labeled', 'unlabeled', 'commented'),
      name: fc.constantFrom('ana', 'ben', 'in progress', 'bug'),
    });
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 14 }),
        fc.integer({ min: 1, max: 70 }),
        (steps, done) => {
          const timeline = steps.map((s) =>
            s.kind.endsWith('assigned')
              ? assigned(s.at, s.name, s.kind)
              : s.kind.endsWith('labeled')
                ? labeled(s.at, s.name, s.kind)
                : { event: s.kind, created_at: iso(s.at) },
          );
          // The state at second t, replayed from scratch: events of one second in their order.
          const working = (t: number): boolean => {
            const people = new Set<string>();
            const labels = new Set<string>();
            for (const s of [...steps].sort((a, b) => a.at - b.at)) {
              if (s.at > t) break;
              if (s.kind === 'assigned') people.add(s.name);
              if (s.kind === 'unassigned') people.delete(s.name);
              if (s.kind === 'labeled' && s.name === 'in progress') labels.add(s.name);
              if (s.kind === 'unlabeled') labels.delete(s.name);
            }
            return people.size > 0 || labels.size > 0;
          };
          const seconds = Array.from({ length: done }, (_, t) => t);
          const firstWork = [...seconds, done].find(working);
          const changes = timelineChanges({ timeline }, rule) ?? [];
          const { started, waited } = statusWaits(0, done, changes, new Set());
          if (firstWork === undefined) {
            expect(started).toBeUndefined();
          } else {
            expect(started).toBe(firstWork);
            expect(waited).toBe(seconds.filter((t) => !working(t)).length);
          }
        },
      ),
    );
  });
});
