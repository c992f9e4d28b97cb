import { COVERAGE_LIFTERS, COVERAGE_WARNING } from '../analysis/index.js';
import { headlineNeeds, type Report } from '../usecases/index.js';
import {
  columns,
  componentLabel,
  ratio as pct,
  percent,
  plural,
  short,
  truncate,
  truncateMiddle,
  wrap,
} from './render.js';
import { renderBetsTable } from './render-bets.js';
import { chainsMarkdown, chainsTable } from './render-chains.js';
import { queuesMarkdown, queuesTable } from './render-queues.js';

const WIDTH = 80;
const LIMIT = 15;

const num = (x: number | null, digits = 2): string =>
  x === null ? '–' : x.toFixed(digits).replace(/\.?0+$/, '') || '0';
const teamName = (ref: string): string =>
  ref.startsWith('group:inferred/') ? ref.slice('group:inferred/'.length) : short(ref);

/** A line of text wrapped to the terminal width under an indent. */
const para = (text: string, indent = '  '): string => wrap(text, indent, WIDTH);

/** The report for a terminal: sections of aligned columns that fit in 80 columns. */
export function renderReportTable(report: Report, catalogLine: string): string {
  const several = report.repositories.length > 1;
  const comp = (ref: string) => componentLabel(ref, several);
  const noCatalogTeams = report.teams.every((t) => t.inferred);
  const out: string[] = [];
  out.push(wrap(catalogLine, '', WIDTH));
  for (const r of report.repositories) {
    out.push(
      wrap(
        `Repository ${r.dir}: ${plural(r.files, 'file')} at HEAD, ${plural(r.commits, 'commit')} stored${r.codeowners ? `, ${r.codeowners}` : ''}.`,
        '',
        WIDTH,
      ),
    );
  }
  out.push(
    `Window ${report.window.since} to ${report.window.until}: ${plural(report.identities.commits, 'commit')}.`,
  );
  out.push(...coverageLines(report).map((line) => wrap(line, '', WIDTH)));
  const ignored = ignoredLine(report);
  if (ignored) out.push(wrap(ignored, '', WIDTH));

  const teamCommits = new Map(report.identities.teams.map((t) => [t.ref, t.commits]));
  const owned = new Map(report.ownership.teams.map((t) => [t.ref, t]));
  if (report.teams.length > 0) {
    const inferred = report.teams.some((t) => t.inferred);
    out.push(
      '',
      `Teams (${report.teams.length}${inferred ? ', inferred from who works on what' : ''})`,
    );
    out.push(
      columns([
        inferred ? ['TEAM', 'MEMBERS', 'WORKS ON'] : ['TEAM', 'TYPE', 'MEMBERS', 'OWNS', 'COMMITS'],
        ...report.teams.map((t) =>
          inferred
            ? [
                t.name,
                String(t.members.length),
                truncate((t.focus ?? []).map((c) => truncateMiddle(comp(c), 24)).join(', '), 60),
              ]
            : [
                truncate(short(t.ref), 24),
                t.type ?? t.groupType ?? '',
                String(t.members.length),
                String(owned.get(t.ref)?.components ?? 0),
                String(teamCommits.get(t.ref) ?? 0),
              ],
        ),
      ]),
    );
  }

  const { coordination } = report;
  out.push('', 'Coordination — teams that change the same or coupled components');
  // Inferred teams are wired to nothing, so their congruence is 0 by construction: say
  // where their work meets instead, and what would make congruence mean something.
  out.push(
    para(
      coordination.congruence.weighted === null
        ? 'No two teams changed the same or coupled components in the window.'
        : noCatalogTeams && report.teams.length > 0
          ? 'No team is declared, so nothing is wired and congruence says nothing yet. Below is where the inferred teams\u2019 work meets; declare teams (a catalog, a GitHub team file, OWNERS or MAINTAINERS) to see which of these needs the organisation has wired.'
          : nothingWired(report)
            ? `No group tree or interaction between these teams is declared, so no need can be wired and congruence is 0 by construction${coverageNote(report)}. Below is where their work meets; declare who works with whom (a Group's spec.parent, spec.interactions) to see which needs are wired.`
            : `Congruence ${pct(coordination.congruence.weighted)} of the coordination need is wired (${pct(coordination.congruence.unweighted)} of the team pairs)${coverageNote(report)}.`,
    ),
  );
  const { shown: unwired, lighter } = headlineNeeds(report);
  if (lighter > 0) {
    out.push(
      para(
        `${plural(lighter, 'unwired need')} lighter than ${coordination.minWeight} left out of the headline (--min-weight 0 shows them; the JSON has all).`,
      ),
    );
  }
  if (unwired.length > 0) {
    out.push(
      para(
        noCatalogTeams
          ? `Where the inferred teams\u2019 work meets, strongest first (${unwired.length}); WEIGHT = shared + coupled work:`
          : `Unwired needs, strongest first (${unwired.length}); WEIGHT = shared + coupled work:`,
      ),
    );
    out.push(
      columns(
        [
          ['TEAMS', 'WEIGHT', 'MOSTLY IN'],
          ...unwired
            .slice(0, LIMIT)
            .map((n) => [
              `${truncateMiddle(teamName(n.teams[0]), 22)} + ${truncateMiddle(teamName(n.teams[1]), 22)}`,
              num(n.weight, 1),
              truncateMiddle(comp(n.components[0]?.ref ?? ''), 22),
            ]),
        ],
        '    ',
      ),
    );
    if (unwired.length > LIMIT)
      out.push(`    … and ${unwired.length - LIMIT} more (see --format json).`);
  }
  for (const line of noiseLines(report)) out.push(para(line));
  const wired = coordination.needs.filter((n) => n.wired);
  if (wired.length > 0) {
    out.push(
      para(
        `Wired needs (${wired.length}): ${wired
          .slice(0, 6)
          .map((n) => `${teamName(n.teams[0])} + ${teamName(n.teams[1])} (${n.via})`)
          .join(', ')}${wired.length > 6 ? ', …' : ''}.`,
      ),
    );
  }
  if (coordination.idleInteractions.length > 0) {
    out.push(
      para(
        `Declared interactions with no shared work: ${coordination.idleInteractions.map((i) => `${teamName(i.teams[0])} + ${teamName(i.teams[1])} (${i.mode})`).join(', ')}.`,
      ),
    );
  }

  const active = report.ownership.components.filter((c) => c.commits > 0);
  out.push(
    '',
    `Ownership — ${plural(active.length, 'component')} changed in the window, most teams first`,
  );
  const ranked = [...active].sort(
    (a, b) =>
      b.teams.length - a.teams.length || b.commits - a.commits || a.ref.localeCompare(b.ref),
  );
  out.push(
    columns([
      ['COMPONENT', 'OWNER', 'OWNER%', 'TEAMS', 'FRAG', 'COMMITS'],
      ...ranked
        .slice(0, LIMIT)
        .map((c) => [
          truncateMiddle(comp(c.ref), 28),
          truncate(c.owner ? teamName(c.owner) : (c.declaredOwners[0] ?? '(nobody)'), 20),
          pct(c.ownerShare),
          String(c.teams.length),
          num(c.fragmentation),
          String(c.commits),
        ]),
    ]),
  );
  if (ranked.length > LIMIT) out.push(`  … and ${ranked.length - LIMIT} more (see --format json).`);
  out.push(
    para(
      'OWNER%: the owner\u2019s share of the commits teams made; FRAG: 1 − Σ(team share)², 0 when one team does all the work.',
    ),
  );
  if (report.ownership.ownerlessComponents.length > 0) {
    const files = report.ownership.unownedPaths.reduce((n, p) => n + p.files, 0);
    out.push(
      para(
        `Owned by nobody: ${report.ownership.ownerlessComponents.map(comp).join(', ')} — ${plural(files, 'file')} at HEAD.`,
      ),
    );
  }
  if (noCatalogTeams && report.ownership.unresolvedOwners.length > 0) {
    out.push(
      para(
        'CODEOWNERS owners are shown as written: with no catalog there are no teams to match them to.',
      ),
    );
  }
  for (const u of noCatalogTeams ? [] : report.ownership.unresolvedOwners.slice(0, 5)) {
    out.push(
      para(
        `${u.file}:${u.line}: CODEOWNERS owner ${u.owner} matches no Group or User${u.rules > 1 ? ` (${u.rules} rules)` : ''}${u.suggestion ? `; did you mean ${u.suggestion}?` : '.'}`,
      ),
    );
  }
  const { deadRules, shadowedRules } = report.ownership;
  if (deadRules.length + shadowedRules.length > 0) {
    out.push(
      para(
        `CODEOWNERS rules that decide no file: ${plural(deadRules.length, 'rule')} ${deadRules.length === 1 ? 'matches' : 'match'} no file at HEAD, ${plural(shadowedRules.length, 'rule')} ${shadowedRules.length === 1 ? 'is' : 'are'} overridden by later rules for every file. \`orgwire owners --check\` lists them.`,
      ),
    );
  }

  const pairs = report.coupling.pairs;
  out.push(
    '',
    `Change coupling — ${plural(pairs.length, 'pair')} of components that change together`,
  );
  if (pairs.length > 0) {
    out.push(
      columns([
        ['COMPONENT', 'CHANGES WITH', 'DEGREE', 'SHARED', 'NOTE'],
        ...pairs
          .slice(0, LIMIT)
          .map((p) => [
            truncateMiddle(comp(p.a), 22),
            truncateMiddle(comp(p.b), 22),
            `${p.degree}%`,
            String(p.shared),
            p.changeTogether ? 'change together' : p.crossTeam ? 'cross-team' : '',
          ]),
      ]),
    );
    if (pairs.length > LIMIT) out.push(`  … and ${pairs.length - LIMIT} more (see --format json).`);
  }

  if (report.queues.length > 0) {
    out.push('', queuesTable(report.queues, report.window).trimEnd());
  }
  if (report.chains.length > 0 || report.cycles.length > 0) {
    out.push('', chainsTable({ chains: report.chains, cycles: report.cycles }).trimEnd());
  }
  if (report.bets.bets.length > 0) out.push('', renderBetsTable(report.bets).trimEnd());

  const ids = report.identities;
  out.push('', `Who is who — ${plural(ids.commits, 'commit')} in the window`);
  const bots = `${plural(ids.botCommits, 'bot commit')} left out.`;
  out.push(
    para(
      noCatalogTeams
        ? bots
        : `${ids.creditedCommits} credited to a team (${percent(ids.creditedCommits, ids.peopleCommits)} of the ${plural(ids.peopleCommits, 'commit')} by people); ${ids.matchedCommits} with an author in the catalog; ${bots}`,
    ),
  );
  if (ids.unmatched.length > 0) {
    out.push(
      para(
        noCatalogTeams
          ? `${plural(ids.unmatched.length, 'person', 'people')} made these commits (commits as author or co-author); add them as Users in a catalog to count their work for their teams:`
          : `${plural(ids.unmatched.length, 'author is', 'authors are')} no User (commits as author or co-author):`,
      ),
    );
    out.push(
      columns(
        [
          ['AUTHOR', 'COMMITS', 'PROBABLY'],
          ...ids.unmatched
            .slice(0, LIMIT)
            .map((u) => [
              truncate(`${u.name} <${u.email}>`, 44),
              String(u.commits),
              u.suggestion
                ? `${truncate(short(u.suggestion.user), 18)} (${num(u.suggestion.score)})`
                : '',
            ]),
        ],
        '    ',
      ),
    );
    if (ids.unmatched.length > LIMIT)
      out.push(`    … and ${ids.unmatched.length - LIMIT} more (see --format json).`);
  }
  return `${out.join('\n')}\n`;
}

/** GitHub-flavoured Markdown table rows; pipes in cells escaped. */
function mdTable(rows: readonly (readonly string[])[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const [head, ...body] = rows;
  if (!head) return '';
  return [
    `| ${head.map(cell).join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...body.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** The report as Markdown a person would paste into a wiki page. */
export function renderReportMarkdown(report: Report, title: string): string {
  const several = report.repositories.length > 1;
  const comp = (ref: string) => `\`${componentLabel(ref, several)}\``;
  const out: string[] = [];
  out.push(`# ${title}`, '');
  out.push(
    `Window: ${report.window.since} to ${report.window.until}. Repositories: ${report.repositories.map((r) => `\`${r.label}\``).join(', ')}. ${plural(report.identities.commits, 'commit')} (bots left out: ${report.identities.botCommits}).`,
    '',
  );
  for (const line of coverageLines(report))
    out.push(line.startsWith('⚠') ? `> **${line}**` : line, '');
  const ignored = ignoredLine(report);
  if (ignored) out.push(ignored, '');
  const { coordination } = report;
  out.push('## Coordination', '');
  out.push(
    coordination.congruence.weighted === null
      ? 'No two teams changed the same or coupled components in the window.'
      : report.teams.length > 0 && report.teams.every((t) => t.inferred)
        ? 'No team is declared, so nothing is wired and congruence says nothing yet. The table shows where the inferred teams\u2019 work meets; declare teams (a catalog, a GitHub team file, OWNERS or MAINTAINERS) to see which of these needs the organisation has wired.'
        : nothingWired(report)
          ? `No group tree or interaction between these teams is declared, so no need can be wired and congruence is 0 by construction${coverageNote(report)}. The table shows where their work meets; declare who works with whom (a Group's spec.parent, spec.interactions) to see which needs are wired.`
          : `**Congruence: ${pct(coordination.congruence.weighted)}** of the coordination the work requires is wired (same team, group tree, or a declared interaction); ${pct(coordination.congruence.unweighted)} of the team pairs${coverageNote(report)}.`,
    '',
  );
  if (coordination.needs.length > 0) {
    out.push(
      mdTable([
        ['Teams', 'Weight', 'Shared work', 'Coupled work', 'Wired', 'Components'],
        ...coordination.needs.map((n) => [
          `${teamName(n.teams[0])} + ${teamName(n.teams[1])}`,
          num(n.weight, 1),
          num(n.sharedWork, 1),
          num(n.coupledWork, 1),
          n.wired ? `yes (${n.via})` : '**no**',
          n.components
            .slice(0, 3)
            .map((c) => comp(c.ref))
            .join(', '),
        ]),
      ]),
      '',
    );
  }
  for (const line of noiseLines(report)) out.push(line, '');
  if (coordination.idleInteractions.length > 0) {
    out.push(
      `Declared interactions with no shared work: ${coordination.idleInteractions.map((i) => `${teamName(i.teams[0])} + ${teamName(i.teams[1])} (${i.mode})`).join('; ')}.`,
      '',
    );
  }
  out.push('## Teams', '');
  out.push(
    mdTable([
      ['Team', 'Type', 'Members', 'Commits'],
      ...report.teams.map((t) => [
        t.inferred ? `${t.name} (inferred)` : short(t.ref),
        t.type ?? t.groupType ?? '',
        String(t.members.length),
        String(report.identities.teams.find((x) => x.ref === t.ref)?.commits ?? 0),
      ]),
    ]),
    '',
  );
  out.push('## Ownership', '');
  out.push(
    mdTable([
      ['Component', 'Owner', 'Owner share', 'Teams', 'Fragmentation', 'Commits', 'Files'],
      ...report.ownership.components
        .filter((c) => c.commits > 0 || c.files > 0)
        .sort(
          (a, b) =>
            b.teams.length - a.teams.length || b.commits - a.commits || a.ref.localeCompare(b.ref),
        )
        .map((c) => [
          comp(c.ref),
          c.owner ? short(c.owner) : c.declaredOwners.join(' ') || '—',
          pct(c.ownerShare),
          c.teams.map((t) => `${teamName(t.ref)} ${t.commits}`).join(', '),
          num(c.fragmentation),
          String(c.commits),
          String(c.files),
        ]),
    ]),
    '',
  );
  if (report.ownership.ownerlessComponents.length > 0) {
    out.push(`Owned by nobody: ${report.ownership.ownerlessComponents.map(comp).join(', ')}.`, '');
  }
  out.push('## Change coupling', '');
  out.push(
    report.coupling.pairs.length === 0
      ? 'No pair of components passed the filters.'
      : mdTable([
          ['Components', 'Degree', 'Shared commits', 'Revisions', 'Note'],
          ...report.coupling.pairs.map((p) => [
            `${comp(p.a)} + ${comp(p.b)}`,
            `${p.degree}%`,
            String(p.shared),
            `${p.revsA} / ${p.revsB}`,
            p.changeTogether ? 'change together' : p.crossTeam ? 'cross-team hotspot' : '',
          ]),
        ]),
    '',
  );
  if (report.bets.bets.length > 0) {
    const { bets, calibration, review } = report.bets;
    out.push('## Bets', '');
    out.push(
      mdTable([
        [
          'Bet',
          'Status',
          'Handoffs',
          'Independence',
          'Feasibility',
          'Impact',
          'Quadrant',
          'Decide by',
        ],
        ...bets.map((b) => [
          b.title ?? b.name,
          b.overdue ? `**${b.status}, overdue**` : b.status,
          b.external.map((e) => teamName(e.team)).join(', ') || '—',
          b.independence,
          num(b.feasibility),
          num(b.impact),
          b.quadrant ?? '—',
          b.decideBy ?? '—',
        ]),
      ]),
      '',
    );
    if (calibration.decided > 0) {
      out.push(
        `Calibration: ${calibration.hits} of ${plural(calibration.decided, 'decided shot')} hit (${pct(calibration.rate)})${calibration.brier === null ? '' : `; Brier score ${num(calibration.brier)}`}.`,
        '',
      );
    }
    if (review.overdue.length > 0)
      out.push(`- Past their decide-by date: ${review.overdue.map(short).join(', ')}.`);
    if (review.goalsWithoutActiveBet.length > 0) {
      out.push(
        `- Goals no active bet serves: ${review.goalsWithoutActiveBet.map(short).join(', ')}.`,
      );
    }
    if (review.stalled?.length)
      out.push(
        `- Active bets whose components saw no commit: ${review.stalled.map(short).join(', ')}.`,
      );
    out.push('');
  }
  if (report.queues.length > 0) out.push(queuesMarkdown(report.queues));
  if (report.chains.length > 0)
    out.push(chainsMarkdown({ chains: report.chains, cycles: report.cycles }));
  out.push('## Who is who', '');
  out.push(
    `${report.identities.creditedCommits} of ${report.identities.peopleCommits} commits by people are credited to a team; ${report.identities.matchedCommits} have an author in the catalog.`,
  );
  if (report.identities.unmatched.length > 0) {
    out.push(
      '',
      mdTable([
        ['Author who is no User', 'Commits', 'Probably'],
        ...report.identities.unmatched.map((u) => [
          `${u.name} <${u.email}>`,
          String(u.commits),
          u.suggestion
            ? `${short(u.suggestion.user)} (${num(u.suggestion.score)}: ${u.suggestion.why})`
            : '',
        ]),
      ]),
    );
  }
  return `${out.join('\n')}\n`;
}

/**
 * Whether the teams declare nothing that could wire a need: no team has a parent and no
 * interaction is declared (MAINTAINERS areas, a flat team file). Congruence is then 0 by
 * construction, and saying so is truer than showing 0 %.
 */
function nothingWired(report: Report): boolean {
  const { needs, idleInteractions } = report.coordination;
  return (
    report.teams.length > 1 &&
    report.teams.every((t) => t.parent === null) &&
    needs.every((n) => !n.wired) &&
    idleInteractions.length === 0
  );
}

/** `; coverage 97%` beside congruence, when there are catalog teams to credit. */
function coverageNote(report: Report): string {
  const { coverage } = report.identities;
  return coverage === null ? '' : `; coverage ${pct(coverage)}`;
}

/**
 * The coverage line under the window: how much of the people's work the figures see, and
 * below {@link COVERAGE_WARNING} a warning with the authors who would lift it most and the
 * command that fixes it.
 */
export function coverageLines(report: Report): string[] {
  const ids = report.identities;
  if (ids.coverage === null) return [];
  const line = `Coverage ${pct(ids.coverage)}: ${ids.creditedCommits} of the ${plural(ids.peopleCommits, 'commit')} by people are credited to a team.`;
  if (ids.coverage >= COVERAGE_WARNING) return [line];
  const lifters = ids.unmatched
    .slice(0, COVERAGE_LIFTERS)
    .map(
      (u) =>
        `${u.name} <${u.email}> ${u.commits}${u.suggestion ? ` (probably ${short(u.suggestion.user)})` : ''}`,
    );
  return [
    `⚠ ${line} The figures below speak for a few people only.`,
    ...(lifters.length > 0 ? [`Most uncredited work: ${lifters.join('; ')}.`] : []),
    'Fix: `orgwire identities` (same --repo and --catalog) lists every author with the User they probably are; `--accept` keeps the suggestions as aliases in orgwire.yaml.',
  ];
}

/** What was left out as noise, in one line; undefined when nothing was. */
export function ignoredLine(report: Report): string | undefined {
  const { ignored } = report;
  if (ignored.files === 0 && ignored.commits === 0) return undefined;
  const top = ignored.patterns
    .filter((p) => p.files > 0)
    .sort((a, b) => b.files - a.files)
    .slice(0, 4)
    .map((p) => `${p.pattern} ${p.files}`);
  return `Left out as noise: ${plural(ignored.files, 'file')} at HEAD${top.length > 0 ? ` (${top.join(', ')})` : ''} and ${plural(ignored.commits, 'commit')} that touched only them (ignore: in orgwire.yaml, --ignore).`;
}

/** A line per folder nobody owns that makes much of the unwired need, with the fix. */
function noiseLines(report: Report): string[] {
  return report.ignored.candidates.map(
    (c) =>
      `${c.pattern} (nobody owns it; ${c.teams} teams change it) makes ${pct(c.share)} of the unwired need. If it is bookkeeping every change touches rather than work, leave it out: --ignore ${c.pattern} or ignore: in orgwire.yaml.`,
  );
}
