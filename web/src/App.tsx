import {
  type FormEvent,
  lazy,
  type RefObject,
  Suspense,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { NavLink, Route, Routes, useLocation, useNavigate, useSearchParams } from 'react-router';
import { DataAsOf } from './components/DataAsOf.js';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { PeriodPicker, usePeriodKept } from './components/PeriodPicker.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { useServerRefresh } from './use-server-refresh.js';
import { useToken } from './use-token.js';

// Pages load on demand: the org map's graph library and the charts stay out of the first load.
const BetPage = lazy(() => import('./pages/BetPage.js').then((m) => ({ default: m.BetPage })));
const BetsPage = lazy(() => import('./pages/BetsPage.js').then((m) => ({ default: m.BetsPage })));
const ChainsPage = lazy(() =>
  import('./pages/ChainsPage.js').then((m) => ({ default: m.ChainsPage })),
);
const ComponentPage = lazy(() =>
  import('./pages/ComponentPage.js').then((m) => ({ default: m.ComponentPage })),
);
const DataQualityPage = lazy(() =>
  import('./pages/DataQualityPage.js').then((m) => ({ default: m.DataQualityPage })),
);
const GroupingPage = lazy(() =>
  import('./pages/GroupingPage.js').then((m) => ({ default: m.GroupingPage })),
);
const GlossaryPage = lazy(() =>
  import('./pages/GlossaryPage.js').then((m) => ({ default: m.GlossaryPage })),
);
const LearningsPage = lazy(() =>
  import('./pages/LearningsPage.js').then((m) => ({ default: m.LearningsPage })),
);
const OrgMapPage = lazy(() =>
  import('./pages/OrgMapPage.js').then((m) => ({ default: m.OrgMapPage })),
);
const OverviewPage = lazy(() =>
  import('./pages/OverviewPage.js').then((m) => ({ default: m.OverviewPage })),
);
const QueuesPage = lazy(() =>
  import('./pages/QueuesPage.js').then((m) => ({ default: m.QueuesPage })),
);
const SearchPage = lazy(() =>
  import('./pages/SearchPage.js').then((m) => ({ default: m.SearchPage })),
);
const SettingsPage = lazy(() =>
  import('./pages/SettingsPage.js').then((m) => ({ default: m.SettingsPage })),
);
const TrendsPage = lazy(() =>
  import('./pages/TrendsPage.js').then((m) => ({ default: m.TrendsPage })),
);
const WhatIfPage = lazy(() =>
  import('./pages/WhatIfPage.js').then((m) => ({ default: m.WhatIfPage })),
);
const TeamPage = lazy(() => import('./pages/TeamPage.js').then((m) => ({ default: m.TeamPage })));
const TeamsPage = lazy(() =>
  import('./pages/TeamsPage.js').then((m) => ({ default: m.TeamsPage })),
);

const NAV = [
  { to: '/', label: 'Overview', end: true },
  { to: '/map', label: 'Org map', end: false },
  { to: '/trends', label: 'Trends', end: false },
  { to: '/what-if', label: 'What if', end: false },
  { to: '/teams', label: 'Teams', end: false },
  { to: '/bets', label: 'Bets', end: false },
  { to: '/queues', label: 'Queues', end: false },
  { to: '/chains', label: 'Chains', end: false },
  { to: '/learnings', label: 'Learnings', end: false },
  { to: '/data-quality', label: 'Data quality', end: false },
];

function SearchBox() {
  const id = useId();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const current = pathname === '/search' ? (params.get('q') ?? '') : '';
  const [q, setQ] = useState(current);
  useEffect(() => setQ(current), [current]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = q.trim();
    if (query !== '') navigate(`/search?q=${encodeURIComponent(query)}`);
  };
  return (
    <search className="search-box">
      <form onSubmit={submit}>
        <label htmlFor={`${id}-q`} className="visually-hidden">
          Search teams, components, bets, goals and learnings
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Search teams, components, bets…"
        />
        <button type="submit">Search</button>
      </form>
    </search>
  );
}

/** Moves focus to the page's heading after client-side navigation, as a page load would. */
function useFocusOnNavigate(main: RefObject<HTMLElement | null>) {
  const { pathname, hash } = useLocation();
  const first = useRef(true);
  // Only a new page moves focus, not a new #fragment or ?query on the same one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on pathname changes only, by design
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // A #fragment is the page's own business (useScrollToHash).
    if (hash !== '') return;
    const heading = main.current?.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
    window.scrollTo(0, 0);
  }, [pathname, main]);
}

/** Pages that show one period of the work (the others: the whole history, or none). */
const PERIODIC = /^\/($|map|teams|components|bets|learnings|queues|data-quality)/;

export function App() {
  const token = useToken();
  useServerRefresh();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigate(main);
  usePeriodKept();

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="header-inner">
          <NavLink to="/" className="brand" end>
            <span className="brand-mark" aria-hidden="true" />
            orgwire
          </NavLink>
          <nav aria-label="Main">
            <ul>
              {NAV.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
              <li>
                <NavLink to="/settings">{token ? 'Token set' : 'Settings'}</NavLink>
              </li>
            </ul>
          </nav>
          <SearchBox />
        </div>
      </header>
      {PERIODIC.test(pathname) ? (
        <div className="period-bar">
          <PeriodPicker />
        </div>
      ) : null}
      <main id="main" ref={main}>
        <ErrorBoundary resetKey={pathname}>
          <Suspense
            fallback={
              <p className="loading" role="status">
                Loading…
              </p>
            }
          >
            <Routes>
              <Route path="/" element={<OverviewPage />} />
              <Route path="/map" element={<OrgMapPage />} />
              <Route path="/teams" element={<TeamsPage />} />
              <Route path="/teams/:ns/:name" element={<TeamPage />} />
              <Route path="/components/:ns/:name" element={<ComponentPage />} />
              <Route path="/systems/:ns/:name" element={<GroupingPage kind="system" />} />
              <Route path="/domains/:ns/:name" element={<GroupingPage kind="domain" />} />
              <Route path="/bets" element={<BetsPage />} />
              <Route path="/bets/:ns/:name" element={<BetPage />} />
              <Route path="/learnings" element={<LearningsPage />} />
              <Route path="/queues" element={<QueuesPage />} />
              <Route path="/chains" element={<ChainsPage />} />
              <Route path="/trends" element={<TrendsPage />} />
              <Route path="/what-if" element={<WhatIfPage />} />
              <Route path="/data-quality" element={<DataQualityPage />} />
              <Route path="/glossary" element={<GlossaryPage />} />
              <Route path="/search" element={<SearchPage />} />
              <Route path="/settings" element={<SettingsPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </ErrorBoundary>
      </main>
      <footer className="site-footer">
        <DataAsOf />
        <p>
          orgwire shows how the organisation is wired, measured from the work itself. People are
          evidence, never a leaderboard.
        </p>
        <nav aria-label="About the figures">
          <p>
            What every term and figure means, and how it is computed:{' '}
            <NavLink to="/glossary">Glossary</NavLink>
          </p>
        </nav>
      </footer>
    </>
  );
}
