/**
 * The catalog `orgwire init` writes: two teams, their people and what they own, with a
 * comment on every orgwire addition. It must validate with no problem (a test checks).
 */
export const STARTER_CATALOG: Record<string, string> = {
  'org.yaml': `# Teams and people, in the Backstage catalog format (https://backstage.io/docs/features/software-catalog/descriptor-format).
# One entity per YAML document; documents are separated by ---.
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: engineering
  description: Everyone who builds the product.
spec:
  type: department
  children: [checkout, platform]
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: checkout
  description: Owns the path from basket to paid order.
  annotations:
    # Team Topologies type: stream-aligned | platform | enabling | complicated-subsystem
    orgwire.dev/team-type: stream-aligned
    # The GitHub team that CODEOWNERS names as @acme/checkout
    github.com/team-slug: acme/checkout
spec:
  type: team
  parent: engineering
  children: []
  members: [ana, ben]
  # Declared ways of working with other teams; orgwire compares them with the work.
  interactions:
    - with: platform
      mode: x-as-a-service # collaboration | x-as-a-service | facilitating
      purpose: Deploys and runs our services on the platform.
      since: '2026-01-01'
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: platform
  description: Runs the paved road every team builds on.
  annotations:
    orgwire.dev/team-type: platform
    # What the team promises for requests from other teams: 14d, 2w, 36h
    orgwire.dev/request-sla: 5d
    github.com/team-slug: acme/platform
spec:
  type: team
  parent: engineering
  children: []
  members: [chen, dara]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ana
spec:
  profile:
    displayName: Ana Silva
    email: ana@acme.example # git commits with this e-mail count as Ana's
  memberOf: [checkout]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ben
  annotations:
    # More e-mails Ben commits with, comma-separated
    orgwire.dev/emails: ben@users.example, ben.okoro@old-acme.example
    # Commits from Ben's GitHub no-reply address (ID+benokoro@users.noreply.github.com) count too
    github.com/user-login: benokoro
spec:
  profile:
    displayName: Ben Okoro
    email: ben@acme.example
  memberOf: [checkout]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: chen
spec:
  profile:
    displayName: Chen Wei
    email: chen@acme.example
  memberOf: [platform]
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: dara
spec:
  profile:
    displayName: Dara Byrne
    email: dara@acme.example
  memberOf: [platform]
`,
  'components.yaml': `# What the teams own. orgwire.dev/paths says which files in the repositories belong to a
# component; without it, CODEOWNERS decides, and then the top-level folder.
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout-service
  description: Takes payment and places the order.
  annotations:
    # Comma-separated globs; a folder covers everything below it. Prefix REPO: to name a repository.
    orgwire.dev/paths: services/checkout, libs/payments/**
    # Availability objective in percent
    orgwire.dev/availability: '99.95'
spec:
  type: service
  lifecycle: production
  owner: checkout
  dependsOn: [component:deploy-pipeline]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: deploy-pipeline
  description: Builds, tests and deploys every service.
  annotations:
    orgwire.dev/paths: .github/workflows, deploy
spec:
  type: service
  lifecycle: production
  owner: platform
`,
};
