import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyScenario,
  type Catalog,
  loadCatalog,
  parseScenario,
  type Scenario,
} from '../model/index.js';
import { compileGlob } from './compile-glob.js';
import { parseCodeowners } from './ownership/codeowners.js';
import { readGitlabCodeowners } from './ownership/gitlab-codeowners.js';
import type { OwnerName, OwnershipReading } from './ownership/ownership-reading.js';
import { createPathResolver, normalizePath, type RepositoryNames } from './path-ownership.js';

const CATALOG_YAML = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: engineering
spec:
  type: department
  children: [payments, storefront, platform]
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments
  annotations:
    github.com/team-slug: "Acme/Payments-Team"
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: storefront
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: platform
  annotations:
    github.com/team-slug: "acme/platform-team"
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ana
  annotations:
    github.com/user-login: "AnaDev"
    orgwire.dev/emails: "Ana@Home.example"
spec:
  profile:
    email: ana@acme.example
  memberOf: [payments]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: bo
spec:
  profile:
    email: bo@acme.example
  memberOf: [storefront]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: cart
  annotations:
    orgwire.dev/paths: "services/cart"
spec:
  type: service
  lifecycle: production
  owner: storefront
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: cart-pricing
  annotations:
    orgwire.dev/paths: "services/cart/pricing/**"
spec:
  type: library
  lifecycle: production
  owner: payments
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  annotations:
    orgwire.dev/paths: "shop:services/checkout, Acme/Billing:legacy/checkout"
spec:
  type: service
  lifecycle: production
  owner: payments
`;

const GROUP = {
  payments: 'group:default/payments',
  storefront: 'group:default/storefront',
  platform: 'group:default/platform',
};
const USER = { ana: 'user:default/ana', bo: 'user:default/bo' };
const COMPONENT = {
  cart: 'component:default/cart',
  cartPricing: 'component:default/cart-pricing',
  checkout: 'component:default/checkout',
};

function load(text: string): Catalog {
  const { catalog, problems } = loadCatalog([{ path: 'catalog.yaml', text }]);
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  return catalog;
}

const CATALOG = load(CATALOG_YAML);
const SHOP: RepositoryNames = { label: 'shop', names: ['shop', 'acme/shop'] };

function resolverFor(codeowners: string, repo: RepositoryNames = SHOP, catalog = CATALOG) {
  const parsed = parseCodeowners(codeowners, '.github/CODEOWNERS');
  expect(parsed.problems).toEqual([]);
  return createPathResolver(catalog, repo, parsed);
}

/** The line where the YAML document of the entity named `name` starts. */
function documentLine(yaml: string, name: string): number {
  const lines = yaml.split('\n');
  const nameAt = lines.indexOf(`  name: ${name}`);
  const start = lines.slice(0, nameAt).lastIndexOf('apiVersion: backstage.io/v1alpha1');
  return start + 1;
}

describe('createPathResolver: which rule decides', () => {
  it('lets a component\u2019s paths beat a CODEOWNERS rule for the same path', () => {
    const { resolve } = resolverFor('/services/ @acme/platform-team\n');
    expect(resolve('services/cart/src/a.ts')).toEqual({
      path: 'services/cart/src/a.ts',
      component: COMPONENT.cart,
      owner: GROUP.storefront,
      rule: {
        source: 'paths',
        component: COMPONENT.cart,
        glob: 'services/cart',
        file: 'catalog.yaml',
        line: documentLine(CATALOG_YAML, 'cart'),
      },
    });
  });

  it('lets a CODEOWNERS rule beat the top-level folder', () => {
    const { resolve } = resolverFor('* @acme/storefront\n/infra/ @acme/platform-team\n');
    expect(resolve('infra/k8s/deploy.yaml')).toEqual({
      path: 'infra/k8s/deploy.yaml',
      component: 'codeowners:shop:/infra/',
      owner: GROUP.platform,
      rule: {
        source: 'codeowners',
        pattern: '/infra/',
        owners: ['@acme/platform-team'],
        file: '.github/CODEOWNERS',
        line: 2,
      },
    });
  });

  it('passes a path whose deciding CODEOWNERS rule has no owners to its folder', () => {
    const { resolve } = resolverFor('* @acme/platform-team\n/scripts/\n');
    expect(resolve('scripts/release/tag.sh')).toEqual({
      path: 'scripts/release/tag.sh',
      component: 'folder:shop:scripts',
      owner: null,
      rule: { source: 'folder', folder: 'scripts' },
    });
    expect(resolve('tools/lint.sh').component).toBe('codeowners:shop:*');
  });

  it('gives a path no rule matches to its top-level folder, and root files to "/"', () => {
    const { resolve } = resolverFor('');
    expect(resolve('assets/img/logo.svg')).toEqual({
      path: 'assets/img/logo.svg',
      component: 'folder:shop:assets',
      owner: null,
      rule: { source: 'folder', folder: 'assets' },
    });
    expect(resolve('README.md')).toEqual({
      path: 'README.md',
      component: 'folder:shop:/',
      owner: null,
      rule: { source: 'folder', folder: '/' },
    });
  });

  it('names pseudo-components after the repository\u2019s label, not its other names', () => {
    const repo = { label: 'web', names: ['acme/web-shop', 'web-shop'] };
    const { resolve } = resolverFor('/infra/ @acme/platform-team\n', repo);
    expect(resolve('infra/main.tf').component).toBe('codeowners:web:/infra/');
    expect(resolve('docs/index.md').component).toBe('folder:web:docs');
    expect(resolve('Makefile').component).toBe('folder:web:/');
  });
});

/** A reading of a made-up OWNERS-like format: each folder listed decides what it holds. */
function folderReading(
  folders: Record<string, { owners: OwnerName[]; coOwners?: OwnerName[] }>,
  format: OwnershipReading['format'] = 'owners',
): OwnershipReading {
  return {
    format,
    files: ['OWNERS'],
    rules: [],
    entities: { groups: [], users: [] },
    problems: [],
    decide(path) {
      const folder = Object.keys(folders)
        .filter((f) => path.startsWith(`${f}/`))
        .sort((a, b) => b.length - a.length)[0];
      if (folder === undefined) return undefined;
      const { owners, coOwners = [] } = folders[folder] as {
        owners: OwnerName[];
        coOwners?: OwnerName[];
      };
      return {
        component: folder,
        owners,
        coOwners,
        rule: { source: 'owners', folder, owners: [], file: `${folder}/OWNERS`, line: 1 },
      };
    },
  };
}

const group = (name: string): OwnerName => ({ kind: 'group', name });
const written = (owner: string): OwnerName => ({ kind: 'written', owner });

describe('createPathResolver: ownership files', () => {
  const codeowners = parseCodeowners('* @acme/platform-team\n', '.github/CODEOWNERS');

  it('puts catalog paths first, then the files in their order, then CODEOWNERS, then folders', () => {
    const { resolve } = createPathResolver(CATALOG, SHOP, codeowners, [
      folderReading({ services: { owners: [group('payments')] } }),
      folderReading({ services: { owners: [group('storefront')] }, docs: { owners: [] } }),
    ]);
    expect(resolve('services/cart/a.ts').component).toBe(COMPONENT.cart);
    expect(resolve('services/api/a.ts')).toEqual({
      path: 'services/api/a.ts',
      component: 'owners:shop:services',
      owner: GROUP.payments,
      rule: { source: 'owners', folder: 'services', owners: [], file: 'services/OWNERS', line: 1 },
    });
    // A folder whose rule names nobody is a component with no owner, not a fall-through.
    expect(resolve('docs/a.md')).toMatchObject({ component: 'owners:shop:docs', owner: null });
    expect(resolve('infra/a.tf').component).toBe('codeowners:shop:*');
  });

  it('takes the first owner name that is a Group, else the first that is a User', () => {
    const { resolve } = createPathResolver(CATALOG, SHOP, { rules: [] }, [
      folderReading({
        a: { owners: [group('sig-nobody'), written('@anadev'), group('storefront')] },
        b: { owners: [group('sig-nobody'), written('@anadev'), written('bo@acme.example')] },
        c: { owners: [group('sig-nobody')] },
      }),
    ]);
    expect(resolve('a/x').owner).toBe(GROUP.storefront);
    expect(resolve('b/x').owner).toBe(USER.ana);
    expect(resolve('c/x').owner).toBeNull();
  });

  it('resolves co-owners, without the owner, unknown names or repeats', () => {
    const { resolve } = createPathResolver(CATALOG, SHOP, { rules: [] }, [
      folderReading({
        a: {
          owners: [group('payments')],
          coOwners: [
            group('payments'),
            group('nobody'),
            group('storefront'),
            written('@AnaDev'),
            group('Storefront'),
          ],
        },
        b: { owners: [group('payments')], coOwners: [group('nobody')] },
      }),
    ]);
    expect(resolve('a/x').coOwners).toEqual([GROUP.storefront, USER.ana]);
    expect(resolve('b/x')).not.toHaveProperty('coOwners');
  });

  it('reads GitLab owners as GitLab does: @name a user or a group, @group/sub/team by its last part', () => {
    const gitlab = readGitlabCodeowners({
      path: '.gitlab/CODEOWNERS',
      shownAs: 'shop/.gitlab/CODEOWNERS',
      text: '[Web] @storefront\nweb/\n[Pay]\npay/ @acme/money/payments\nlib/ @anadev @nobody-here\ndocs/\n',
    });
    const { resolve, unresolvedOwners } = createPathResolver(CATALOG, SHOP, codeowners, [gitlab]);
    expect(resolve('web/a.ts')).toMatchObject({
      component: 'codeowners:shop:[Web] web/',
      owner: GROUP.storefront,
      rule: { source: 'codeowners', section: 'Web', file: 'shop/.gitlab/CODEOWNERS', line: 2 },
    });
    expect(resolve('pay/a.ts').owner).toBe(GROUP.payments);
    expect(resolve('lib/a.ts').owner).toBe(USER.ana);
    // A line with no owners leaves the path to what comes after, as in GitHub's file.
    expect(resolve('docs/a.md').component).toBe('codeowners:shop:*');
    expect(unresolvedOwners).toEqual([
      {
        owner: '@nobody-here',
        file: 'shop/.gitlab/CODEOWNERS',
        line: 5,
        rules: 1,
        suggestion: null,
      },
    ]);
  });
});

describe('createPathResolver: component globs', () => {
  const { resolve } = resolverFor('');

  it.each([
    ['services/cart', COMPONENT.cart],
    ['services/cart/src/a.ts', COMPONENT.cart],
    ['services/cart/.env', COMPONENT.cart],
    ['services/cart/pricing', COMPONENT.cartPricing],
    ['services/cart/pricing/rules/vat.ts', COMPONENT.cartPricing],
    ['services/cartography/map.ts', 'folder:shop:services'],
    ['services/car', 'folder:shop:services'],
    ['lib/services/cart/a.ts', 'folder:shop:lib'],
  ])('gives %s to %s', (path, component) => {
    expect(resolve(path).component).toBe(component);
  });

  it('lets the most specific (longest) glob win whatever the catalog order', () => {
    const reordered = CATALOG_YAML.split('\n---\n').reverse().join('\n---\n');
    const other = resolverFor('', SHOP, load(reordered));
    expect(other.resolve('services/cart/pricing/vat.ts')).toMatchObject({
      component: COMPONENT.cartPricing,
      owner: GROUP.payments,
      rule: { glob: 'services/cart/pricing/**' },
    });
    expect(other.resolve('services/cart/api.ts').component).toBe(COMPONENT.cart);
  });

  it.each(['services/cart', '/services/cart', 'services/cart/', 'services/cart/**'])(
    'lets the glob "%s", which names a folder, cover everything below it',
    (glob) => {
      const yaml = CATALOG_YAML.replace(
        'orgwire.dev/paths: "services/cart"',
        `orgwire.dev/paths: "${glob}"`,
      );
      const { resolve } = resolverFor('', SHOP, load(yaml));
      expect(resolve('services/cart/src/a.ts').component).toBe(COMPONENT.cart);
      expect(resolve('services/cart/README.md').component).toBe(COMPONENT.cart);
    },
  );

  it.each([
    // label, names, the owner of services/checkout/x, the owner of legacy/checkout/x
    ['shop', ['shop'], COMPONENT.checkout, 'folder:shop:legacy'],
    ['Shop', ['SHOP'], COMPONENT.checkout, 'folder:Shop:legacy'],
    ['billing', ['billing', 'acme/billing'], 'folder:billing:services', COMPONENT.checkout],
    ['billing', ['ACME/BILLING'], 'folder:billing:services', COMPONENT.checkout],
    // Named by its owner/name only, as a remote gives it.
    ['bill', ['bill', 'acme/billing'], 'folder:bill:services', COMPONENT.checkout],
    ['other', ['other'], 'folder:other:services', 'folder:other:legacy'],
  ])(
    'applies REPO: globs only in the named repository (label %s, names %j)',
    (label, names, servicesOwner, legacyOwner) => {
      const { resolve } = resolverFor('', { label, names });
      expect(resolve('services/checkout/x.ts').component).toBe(servicesOwner);
      expect(resolve('legacy/checkout/x.ts').component).toBe(legacyOwner);
      // A glob with no REPO: prefix applies in every repository.
      expect(resolve('services/cart/x.ts').component).toBe(COMPONENT.cart);
    },
  );

  it('gives every path below a folder named by a component\u2019s glob to that component', () => {
    // At most six characters, so never a folder that the fixture's own globs name.
    const name = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,5}$/);
    const below = fc.stringMatching(/^[A-Za-z0-9._-]{1,8}$/).filter((s) => s !== '.' && s !== '..');
    const spelling = fc.constantFrom('', './', '/');
    fc.assert(
      fc.property(
        fc.array(name, { minLength: 1, maxLength: 3 }),
        fc.array(below, { maxLength: 4 }),
        fc.boolean(),
        spelling,
        fc.boolean(),
        (folderSegments, rest, starStar, prefix, backslashes) => {
          const folder = folderSegments.join('/');
          // A sibling whose name starts with the folder's is longer, so it is tried first.
          const yaml = `${CATALOG_YAML}---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: target
  annotations:
    orgwire.dev/paths: "${starStar ? `${folder}/**` : folder}"
spec:
  type: service
  lifecycle: production
  owner: user:bo
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: sibling
  annotations:
    orgwire.dev/paths: "${folder}x, ${folder}-sibling/**"
spec:
  type: service
  lifecycle: production
  owner: platform
`;
          const { resolve } = resolverFor('* @acme/storefront\n', SHOP, load(yaml));
          const path = [folder, ...rest].join('/');
          const input = `${prefix}${backslashes ? path.replace(/\//g, '\\') : path}`;
          const owned = resolve(input);
          expect(owned).toMatchObject({
            path,
            component: 'component:default/target',
            owner: USER.bo,
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('createPathResolver: CODEOWNERS owners', () => {
  it.each([
    ['@acme/payments-team', GROUP.payments],
    ['@ACME/Payments-Team', GROUP.payments],
    ['@acme/platform-team', GROUP.platform],
    // No github.com/team-slug: the team part is the group's name.
    ['@acme/storefront', GROUP.storefront],
    ['@acme/StoreFront', GROUP.storefront],
    ['@acme/payments', GROUP.payments],
    ['@AnaDev', USER.ana],
    ['@anadev', USER.ana],
    ['ana@acme.example', USER.ana],
    ['ana@home.example', USER.ana],
    ['ANA@ACME.EXAMPLE', USER.ana],
    ['12345+AnaDev@users.noreply.github.com', USER.ana],
    ['bo@acme.example', USER.bo],
  ])('maps the owner %s to %s', (owner, expected) => {
    const { resolve, unresolvedOwners } = resolverFor(`/src/ ${owner}\n`);
    expect(resolve('src/index.ts').owner).toBe(expected);
    expect(unresolvedOwners).toEqual([]);
  });

  it.each([
    ['@AnaDev @acme/storefront @acme/payments-team', GROUP.storefront],
    ['@ghost @bo-login bo@acme.example @acme/payments-team', GROUP.payments],
    ['@ghost bo@acme.example @AnaDev', USER.bo],
  ])(
    'gives a rule with owners "%s" to %s: the first Group, else the first User',
    (owners, expected) => {
      const { resolve } = resolverFor(`/src/ ${owners}\n`);
      expect(resolve('src/index.ts').owner).toBe(expected);
    },
  );

  it('keeps a rule whose owners are all unknown as a component with no owner', () => {
    const { resolve } = resolverFor('/src/ @ghost @acme/ghosts\n');
    const owned = resolve('src/index.ts');
    expect(owned.component).toBe('codeowners:shop:/src/');
    expect(owned.owner).toBeNull();
  });

  it('lists every unknown owner once, with the first line that names it and its rule count', () => {
    const { unresolvedOwners } = resolverFor(
      [
        '# owners',
        '* @acme/platform-team',
        '/src/ @ghost @AnaDev @other-org/ghosts',
        '',
        '/docs/ nobody@nowhere.example @acme/storefront',
        '/lib/ @ghost',
      ].join('\n'),
    );
    expect(unresolvedOwners).toEqual([
      { owner: '@ghost', file: '.github/CODEOWNERS', line: 3, rules: 2, suggestion: null },
      {
        owner: '@other-org/ghosts',
        file: '.github/CODEOWNERS',
        line: 3,
        rules: 1,
        suggestion: null,
      },
      {
        owner: 'nobody@nowhere.example',
        file: '.github/CODEOWNERS',
        line: 5,
        rules: 1,
        suggestion: null,
      },
    ]);
  });

  it.each([
    // A team slug one letter off, and the team part of a slug compared without case.
    ['@acme/platform-teams', '@acme/platform-team'],
    ['@ACME/Payment-Team', '@acme/payments-team'],
    // A group with no slug is suggested by its name under the owner's org.
    ['@acme/storefrnt', '@acme/storefront'],
    ['@AnaDve', '@anadev'],
    ['bo@acme.exmaple', 'bo@acme.example'],
    ['ana@acme.exampel', 'ana@acme.example'],
    ['anna@home.example', 'ana@home.example'],
    // Nothing close: no guess.
    ['@acme/security', null],
    ['@zed', null],
    ['carol@acme.example', null],
  ])('suggests %s be %s', (owner, suggestion) => {
    const { unresolvedOwners } = resolverFor(`/src/ ${owner}\n`);
    expect(unresolvedOwners).toEqual([
      { owner, file: '.github/CODEOWNERS', line: 1, rules: 1, suggestion },
    ]);
  });

  it('suggests only teams of the owner’s own org', () => {
    const { unresolvedOwners } = resolverFor('/src/ @other/platform-team\n');
    expect(unresolvedOwners[0]?.suggestion).toBe(null);
  });
});

describe('normalizePath', () => {
  it.each([
    ['src/a.ts', 'src/a.ts'],
    ['./src/a.ts', 'src/a.ts'],
    ['././src/a.ts', 'src/a.ts'],
    ['/src/a.ts', 'src/a.ts'],
    ['//src/a.ts', 'src/a.ts'],
    ['/./src/a.ts', 'src/a.ts'],
    ['src\\lib\\a.ts', 'src/lib/a.ts'],
    ['.\\src\\a.ts', 'src/a.ts'],
    ['\\src\\a.ts', 'src/a.ts'],
    ['src/lib/', 'src/lib'],
    ['README.md', 'README.md'],
  ])('turns %j into %j', (input, expected) => {
    expect(normalizePath(input)).toBe(expected);
  });

  it('leaves no backslash, no leading ./ or / and the same segments, for any spelling', () => {
    const segment = fc.stringMatching(/^[a-z]{1,4}(\.[a-z]{1,2})?$/);
    const lead = fc.array(fc.constantFrom('./', '/', '.\\', '\\'), { maxLength: 3 });
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        lead,
        fc.boolean(),
        (segments, leads, windows) => {
          const path = segments.join('/');
          const input = leads.join('') + (windows ? segments.join('\\') : path);
          expect(normalizePath(input)).toBe(path);
        },
      ),
    );
  });

  it('is what the resolver reports and matches with', () => {
    const { resolve } = resolverFor('/infra/ @acme/platform-team\n');
    expect(resolve('.\\services\\cart\\a.ts')).toMatchObject({
      path: 'services/cart/a.ts',
      component: COMPONENT.cart,
    });
    expect(resolve('/infra/main.tf')).toMatchObject({
      path: 'infra/main.tf',
      component: 'codeowners:shop:/infra/',
    });
  });
});

describe('createPathResolver: globs that made picomatch backtrack', () => {
  it('resolves a 10,000-character name against the glob "*a*a*a*a*a*a*a*a*a*a*a*a*b" at once', () => {
    const yaml = CATALOG_YAML.replace(
      'orgwire.dev/paths: "services/cart"',
      'orgwire.dev/paths: "services/cart, *a*a*a*a*a*a*a*a*a*a*a*a*b"',
    );
    const { resolve } = resolverFor('', SHOP, load(yaml));
    const name = 'a'.repeat(10_000);
    const start = performance.now();
    expect(resolve(name).component).toBe('folder:shop:/');
    expect(resolve(`${name}b`).component).toBe(COMPONENT.cart);
    // picomatch took seconds at 35 characters, and doubled with each two more.
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('the glob index', () => {
  const segment = fc.constantFrom('a', 'b', 'src', 'x.ts', 'y.md');
  const folder = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));
  const glob = fc.oneof(
    folder,
    folder.map((f) => `${f}/**`),
    folder.map((f) => `${f}/*.ts`),
    segment.map((s) => `**/${s}`),
    folder.map((f) => `${f}/[ab]/**`),
    folder.map((f) => `${f}*/**`),
  );
  const yaml = (globs: string[][]) =>
    [
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: team}\nspec: {type: team, children: []}',
      ...globs.map(
        (g, i) =>
          `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: c${i}\n  annotations: {orgwire.dev/paths: "${g.join(', ')}"}\nspec: {type: service, lifecycle: production, owner: team}`,
      ),
    ].join('\n---\n');

  it('finds the same component as trying every glob in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(glob, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.array(folder, { minLength: 1, maxLength: 10 }),
        (globs, paths) => {
          const { catalog, problems } = loadCatalog([{ path: 'c.yaml', text: yaml(globs) }]);
          expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
          const { resolve } = createPathResolver(
            catalog,
            { label: 'r', names: ['r'] },
            { rules: [] },
          );
          // The rule as documented: the longest glob first, then the component's reference.
          const ordered = catalog.components
            .flatMap((c) => c.paths.map((p) => ({ ref: c.ref, glob: p.glob })))
            .sort((a, b) => b.glob.length - a.glob.length || a.ref.localeCompare(b.ref));
          for (const path of paths) {
            const above = path.split('/').map((_, i, all) => all.slice(0, i + 1).join('/'));
            const expected = ordered.find((g) =>
              above.some((p) => compileGlob(g.glob, 'path').matches(p)),
            );
            // A file at the top is in the folder `/`.
            const top = path.includes('/') ? path.split('/')[0] : '/';
            expect(resolve(path).component).toBe(expected?.ref ?? `folder:r:${top}`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('createPathResolver after a what-if merge', () => {
  it('gives what CODEOWNERS names by a merged team\u2019s slug or name to the team it went into', () => {
    const { scenario } = parseScenario(
      'apiVersion: orgwire.dev/v1alpha1\nkind: Scenario\nmetadata: {name: m}\nspec:\n  changes:\n    - mergeTeams: {teams: [payments, storefront], into: platform}\n',
      'm.yaml',
    );
    const merged = applyScenario(CATALOG, scenario as Scenario).catalog;
    const resolve = resolverFor(
      '/pay/ @Acme/Payments-Team\n/web/ @acme/storefront\n',
      SHOP,
      merged,
    ).resolve;
    expect(resolve('pay/x.ts').owner).toBe('group:default/platform');
    expect(resolve('web/x.ts').owner).toBe('group:default/platform');
    // The catalog as it is keeps its own teams.
    expect(resolverFor('/pay/ @Acme/Payments-Team\n').resolve('pay/x.ts').owner).toBe(
      'group:default/payments',
    );
  });
});
