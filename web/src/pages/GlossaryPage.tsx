import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader.js';
import { GLOSSARY, type GlossaryEntry, GROUPS, type GroupKey, PAGES } from '../glossary.js';
import { useScrollToHash } from '../use-scroll-to-hash.js';
import '../glossary.css';

/** Text with `code` spans, as the glossary writes names of files, flags and annotations. */
function Coded({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order
        i % 2 === 1 ? <code key={i}>{part}</code> : <span key={i}>{part}</span>,
      )}
    </>
  );
}

const ENTRIES: readonly GlossaryEntry[] = GLOSSARY;
const GROUP_KEYS = Object.keys(GROUPS) as GroupKey[];
const inGroup = (group: GroupKey) => ENTRIES.filter((e) => e.group === group);

function Entry({ entry }: { entry: GlossaryEntry }) {
  return (
    <article id={entry.id} className="glossary-entry" aria-labelledby={`${entry.id}-t`}>
      <h3 id={`${entry.id}-t`}>{entry.term}</h3>
      <p className="glossary-short">{entry.short}</p>
      <p>
        <Coded text={entry.long} />
      </p>
      {entry.formula ? (
        <p className="glossary-formula">
          <span className="label">Formula</span>
          <code>{entry.formula}</code>
        </p>
      ) : null}
      <div className="glossary-where">
        <span className="label">Where it appears:</span>
        <ul>
          {entry.appears.map((key) => {
            const page = PAGES[key];
            return (
              <li key={key}>{page.to ? <Link to={page.to}>{page.label}</Link> : page.label}</li>
            );
          })}
        </ul>
      </div>
    </article>
  );
}

/** Every term and measure the radiator shows, with its definition, formula and pages. */
export function GlossaryPage() {
  useScrollToHash(true);
  return (
    <>
      <PageHeader title="Glossary">
        <p>
          Every term and measure the radiator shows: what it means, how it is computed and where it
          appears. Underlined terms on the other pages show the first sentence on hover, focus or
          tap, and link here. The formulas are those of <code>orgwire analyze --format json</code>{' '}
          (docs/json.md), with orgwire’s defaults.
        </p>
      </PageHeader>
      <nav aria-label="Glossary sections">
        <ul className="glossary-index">
          {GROUP_KEYS.map((group) => (
            <li key={group}>
              <a href={`#group-${group}`} className="group-name">
                {GROUPS[group]}:
              </a>
              <ul>
                {inGroup(group).map((e) => (
                  <li key={e.id}>
                    <a href={`#${e.id}`}>{e.term}</a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </nav>
      {GROUP_KEYS.map((group) => (
        <section key={group} aria-labelledby={`group-${group}`}>
          <h2 id={`group-${group}`}>{GROUPS[group]}</h2>
          <div className="glossary-entries">
            {inGroup(group).map((e) => (
              <Entry key={e.id} entry={e} />
            ))}
          </div>
        </section>
      ))}
    </>
  );
}
