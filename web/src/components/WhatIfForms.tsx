import { type FormEvent, type ReactNode, useId, useState } from 'react';
import type {
  DeclaredInteraction,
  ScenarioChangeBody,
  WhatIfMap,
  WhatIfTeam,
} from '../../../src/server/api-types.js';
import { scenarioName as nameOf } from '../what-if-words.js';

type InteractionMode = DeclaredInteraction['mode'];

const MODES = [
  'collaboration',
  'x-as-a-service',
  'facilitating',
] as const satisfies readonly InteractionMode[];

interface Props {
  map: WhatIfMap;
  onAdd: (change: ScenarioChangeBody) => void;
}

/** One form: its own heading, fields, an Add button, and what is missing when it is. */
function ChangeForm({
  title,
  open = false,
  onSubmit,
  children,
}: {
  title: string;
  open?: boolean;
  onSubmit: () => string | null;
  children: ReactNode;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(onSubmit());
  };
  return (
    <details className="what-if-form" open={open}>
      <summary className="what-if-form-title">{title}</summary>
      <form onSubmit={submit} aria-label={title}>
        {children}
        {problem ? (
          <p className="form-error" role="alert">
            {problem}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit">Add</button>
        </div>
      </form>
    </details>
  );
}

function TeamSelect({
  label,
  teams,
  value,
  onChange,
}: {
  label: string;
  teams: readonly WhatIfTeam[];
  value: string;
  onChange: (ref: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required>
        <option value="">Choose a team…</option>
        {teams.map((t) => (
          <option key={t.ref} value={t.ref}>
            {t.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Checkboxes for a set of references. */
function Picks({
  legend,
  options,
  picked,
  onChange,
}: {
  legend: string;
  options: readonly { ref: string; label: string }[];
  picked: readonly string[];
  onChange: (refs: string[]) => void;
}) {
  return (
    <fieldset className="picks">
      <legend>{legend}</legend>
      {options.length === 0 ? <p className="muted small">Nothing to pick.</p> : null}
      {options.map((o) => (
        <label key={o.ref}>
          <input
            type="checkbox"
            checked={picked.includes(o.ref)}
            onChange={(e) =>
              onChange(e.target.checked ? [...picked, o.ref] : picked.filter((r) => r !== o.ref))
            }
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** The same changes as dragging, and the ones dragging cannot say, by keyboard. */
export function WhatIfForms({ map, onAdd }: Props) {
  const teams = map.teams;
  const team = (ref: string) => teams.find((t) => t.ref === ref);
  const people = teams.flatMap((t) => t.members.map((m) => ({ ...m, team: t })));
  const components = teams.flatMap((t) =>
    t.components.filter((c) => c.kind === 'component').map((c) => ({ ...c, team: t })),
  );
  const ids = useId();

  const [what, setWhat] = useState('');
  const [to, setTo] = useState('');
  const [merged, setMerged] = useState('');
  const [into, setInto] = useState('');
  const [whole, setWhole] = useState('');
  const [partName, setPartName] = useState('');
  const [restName, setRestName] = useState('');
  const [part, setPart] = useState<string[]>([]);
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [mode, setMode] = useState<InteractionMode>('collaboration');
  const [provider, setProvider] = useState('');
  const [embedded, setEmbedded] = useState<string[]>([]);
  const [leaver, setLeaver] = useState('');

  const split = team(whole);

  return (
    <div className="what-if-forms">
      <ChangeForm
        title="Move a person or a component"
        open
        onSubmit={() => {
          const [kind, ref = '', from = ''] = what.split('|');
          if (!ref || !to) return 'Choose what to move and the team it goes to.';
          if (from === to) return 'It is in that team already: choose another.';
          onAdd(
            kind === 'person'
              ? { movePerson: { user: nameOf(ref), from: nameOf(from), to: nameOf(to) } }
              : { moveComponent: { component: nameOf(ref), to: nameOf(to) } },
          );
          setWhat('');
          return null;
        }}
      >
        <div className="field">
          <label htmlFor={`${ids}-what`}>What moves</label>
          <select
            id={`${ids}-what`}
            value={what}
            onChange={(e) => setWhat(e.target.value)}
            required
          >
            <option value="">Choose a person or a component…</option>
            <optgroup label="Components">
              {components.map((c) => (
                <option key={`${c.ref}|${c.team.ref}`} value={`component|${c.ref}|${c.team.ref}`}>
                  {c.label} ({c.team.label})
                </option>
              ))}
            </optgroup>
            <optgroup label="People">
              {people.map((p) => (
                <option key={`${p.ref}|${p.team.ref}`} value={`person|${p.ref}|${p.team.ref}`}>
                  {p.label} ({p.team.label})
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <TeamSelect label="To the team" teams={teams} value={to} onChange={setTo} />
      </ChangeForm>

      <ChangeForm
        title="Merge two teams"
        onSubmit={() => {
          if (!merged || !into) return 'Choose the team that goes and the team it joins.';
          if (merged === into) return 'Choose two different teams.';
          onAdd({ mergeTeams: { teams: [nameOf(merged), nameOf(into)], into: nameOf(into) } });
          setMerged('');
          return null;
        }}
      >
        <TeamSelect label="Merge the team" teams={teams} value={merged} onChange={setMerged} />
        <TeamSelect label="Into the team" teams={teams} value={into} onChange={setInto} />
      </ChangeForm>

      <ChangeForm
        title="Split a team"
        onSubmit={() => {
          if (!split) return 'Choose the team to split.';
          const fresh = partName.trim();
          const rest = restName.trim() || `${nameOf(split.ref)}-core`;
          if (!fresh) return 'Name the new team.';
          if (part.length === 0) return 'Pick what goes to the new team.';
          const isPerson = (ref: string) => split.members.some((m) => m.ref === ref);
          onAdd({
            splitTeam: {
              team: nameOf(split.ref),
              into: [
                { name: rest, members: [], components: [] },
                {
                  name: fresh,
                  members: part.filter(isPerson).map(nameOf),
                  components: part.filter((r) => !isPerson(r)).map(nameOf),
                },
              ],
            },
          });
          setWhole('');
          setPart([]);
          setPartName('');
          setRestName('');
          return null;
        }}
      >
        <TeamSelect
          label="Split the team"
          teams={teams}
          value={whole}
          onChange={(ref) => {
            setWhole(ref);
            setPart([]);
          }}
        />
        <div className="field">
          <label htmlFor={`${ids}-part`}>Name of the new team</label>
          <input
            id={`${ids}-part`}
            value={partName}
            onChange={(e) => setPartName(e.target.value)}
            placeholder="checkout"
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-rest`}>Name of what stays</label>
          <input
            id={`${ids}-rest`}
            value={restName}
            onChange={(e) => setRestName(e.target.value)}
            placeholder={split ? `${nameOf(split.ref)}-core` : 'team-core'}
            aria-describedby={`${ids}-rest-hint`}
          />
          <p className="hint" id={`${ids}-rest-hint`}>
            Both parts are new teams; what you do not pick stays in this one.
          </p>
        </div>
        {split ? (
          <Picks
            legend={`What goes to the new team from ${split.label}`}
            options={[...split.members, ...split.components.filter((c) => c.kind === 'component')]}
            picked={part}
            onChange={setPart}
          />
        ) : null}
      </ChangeForm>

      <ChangeForm
        title="Declare an interaction"
        onSubmit={() => {
          if (!a || !b) return 'Choose the two teams.';
          if (a === b) return 'Choose two different teams.';
          onAdd({ interaction: { between: [nameOf(a), nameOf(b)], mode } });
          return null;
        }}
      >
        <TeamSelect label="Between the team" teams={teams} value={a} onChange={setA} />
        <TeamSelect label="And the team" teams={teams} value={b} onChange={setB} />
        <div className="field">
          <label htmlFor={`${ids}-mode`}>Mode</label>
          <select
            id={`${ids}-mode`}
            value={mode}
            onChange={(e) => setMode(e.target.value as InteractionMode)}
          >
            {MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
      </ChangeForm>

      <ChangeForm
        title="Embed a providing team"
        onSubmit={() => {
          if (!provider) return 'Choose the providing team.';
          const targets = embedded.filter((t) => t !== provider);
          if (targets.length === 0) return 'Pick the teams it goes into.';
          onAdd({ embed: { provider: nameOf(provider), into: targets.map(nameOf) } });
          setEmbedded([]);
          return null;
        }}
      >
        <TeamSelect label="Embed the team" teams={teams} value={provider} onChange={setProvider} />
        <Picks
          legend="Into the teams"
          options={teams.filter((t) => t.ref !== provider)}
          picked={embedded}
          onChange={setEmbedded}
        />
      </ChangeForm>

      <ChangeForm
        title="Someone leaves"
        onSubmit={() => {
          if (!leaver) return 'Choose who leaves.';
          onAdd({ leave: { user: nameOf(leaver) } });
          setLeaver('');
          return null;
        }}
      >
        <div className="field">
          <label htmlFor={`${ids}-leaver`}>Who leaves</label>
          <select
            id={`${ids}-leaver`}
            value={leaver}
            onChange={(e) => setLeaver(e.target.value)}
            required
          >
            <option value="">Choose a person…</option>
            {[...new Map(people.map((p) => [p.ref, p])).values()].map((p) => (
              <option key={p.ref} value={p.ref}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
      </ChangeForm>
    </div>
  );
}
