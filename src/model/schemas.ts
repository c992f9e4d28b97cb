import { z } from 'zod';
import { isValidDay } from './validators.js';

/**
 * The shapes of catalog documents, field by field as Backstage's JSON schemas define
 * them for its kinds, plus orgwire's additions (`spec.interactions` on groups) and
 * orgwire's own kinds. Extra fields are allowed, as Backstage allows them.
 */

const text = z.string().min(1);
const refList = z.array(text);
const date = z.string().refine(isValidDay, { error: 'must be a date that exists, as YYYY-MM-DD' });

export const BACKSTAGE_API_VERSIONS = ['backstage.io/v1alpha1', 'backstage.io/v1beta1'] as const;
export const ORGWIRE_API_VERSION = 'orgwire.dev/v1alpha1';

export const envelopeSchema = z
  .object({
    apiVersion: text,
    kind: text,
    metadata: z
      .object({
        name: text,
        namespace: text.optional(),
        title: z.string().optional(),
        description: z.string().optional(),
        labels: z.record(z.string(), z.string()).optional(),
        annotations: z.record(z.string(), z.string()).optional(),
        tags: z.array(z.string()).optional(),
        links: z.array(z.object({ url: text }).loose()).optional(),
      })
      .loose(),
    spec: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

export type Envelope = z.infer<typeof envelopeSchema>;

const profile = z
  .object({
    displayName: z.string().optional(),
    email: z.string().optional(),
    picture: z.string().optional(),
  })
  .loose();

export const INTERACTION_MODES = ['collaboration', 'x-as-a-service', 'facilitating'] as const;

const interaction = z
  .object({
    with: text,
    mode: z.enum(INTERACTION_MODES),
    purpose: z.string().optional(),
    since: date.optional(),
    until: date.optional(),
  })
  .loose();

export const groupSpec = z
  .object({
    type: text,
    profile: profile.optional(),
    parent: text.optional(),
    children: refList,
    members: refList.optional(),
    interactions: z.array(interaction).optional(),
  })
  .loose();

export const userSpec = z.object({ profile: profile.optional(), memberOf: refList }).loose();

export const componentSpec = z
  .object({
    type: text,
    lifecycle: text,
    owner: text,
    system: text.optional(),
    subcomponentOf: text.optional(),
    providesApis: refList.optional(),
    consumesApis: refList.optional(),
    dependsOn: refList.optional(),
    dependencyOf: refList.optional(),
  })
  .loose();

/**
 * An API's definition: the text itself, or a Backstage placeholder (`$text`, `$json`,
 * `$yaml`, `$openapi`, `$asyncapi`) that Backstage fills in from a file or URL.
 */
const definition = z.union([
  text,
  z.object({ $text: text }).strict(),
  z.object({ $json: text }).strict(),
  z.object({ $yaml: text }).strict(),
  z.object({ $openapi: text }).strict(),
  z.object({ $asyncapi: text }).strict(),
]);

export const apiSpec = z
  .object({
    type: text,
    lifecycle: text,
    owner: text,
    // Backstage's MCP server APIs describe themselves by `remotes` instead.
    definition: definition.optional(),
    system: text.optional(),
  })
  .loose()
  .superRefine((spec, ctx) => {
    if (spec.definition === undefined && spec.type !== 'mcp-server') {
      ctx.addIssue({
        code: 'invalid_type',
        expected: 'string',
        path: ['definition'],
        input: undefined,
      });
    }
  });

export const systemSpec = z
  .object({ owner: text, domain: text.optional(), type: text.optional() })
  .loose();

export const domainSpec = z
  .object({ owner: text, subdomainOf: text.optional(), type: text.optional() })
  .loose();

export const resourceSpec = z
  .object({
    type: text,
    owner: text,
    system: text.optional(),
    dependsOn: refList.optional(),
    dependencyOf: refList.optional(),
  })
  .loose();

/** One person, or (an error the alignment rules report) several. */
const accountable = z.union([text, refList]);

export const goalSpec = z
  .object({
    description: z.string().optional(),
    metric: z
      .object({
        name: z.string().optional(),
        unit: z.string().optional(),
        baseline: z.number().optional(),
        target: z.number().optional(),
        by: date.optional(),
      })
      .loose()
      .optional(),
    accountable: accountable.optional(),
    owner: text.optional(),
    parent: text.optional(),
  })
  .loose();

export const BET_STATUSES = [
  'proposed',
  'active',
  'won',
  'lost',
  'killed',
  'inconclusive',
] as const;

export const betSpec = z
  .object({
    hypothesis: z.string().optional(),
    goal: text.optional(),
    accountable: accountable.optional(),
    responsible: refList.optional(),
    needs: refList.optional(),
    shot: z
      .object({
        metric: z.string().optional(),
        from: z.number().optional(),
        to: z.number().optional(),
        by: date.optional(),
        confidence: z.number().min(0).max(1).optional(),
        kill: z.string().optional(),
      })
      .loose()
      .optional(),
    decideBy: date.optional(),
    status: z.enum(BET_STATUSES).optional(),
    outcome: z
      .object({
        value: z.number().optional(),
        decidedAt: date.optional(),
        note: z.string().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

export const learningSpec = z
  .object({
    bet: text.optional(),
    incident: z.string().optional(),
    situation: z.string().optional(),
    complication: z.string().optional(),
    resolution: z.string().optional(),
    lessons: z.array(z.string()).optional(),
    date: date.optional(),
    authors: refList.optional(),
  })
  .loose();

export type GroupSpec = z.infer<typeof groupSpec>;
export type UserSpec = z.infer<typeof userSpec>;
export type ComponentSpec = z.infer<typeof componentSpec>;
export type ApiSpec = z.infer<typeof apiSpec>;
export type SystemSpec = z.infer<typeof systemSpec>;
export type DomainSpec = z.infer<typeof domainSpec>;
export type ResourceSpec = z.infer<typeof resourceSpec>;
export type GoalSpec = z.infer<typeof goalSpec>;
export type BetSpec = z.infer<typeof betSpec>;
export type LearningSpec = z.infer<typeof learningSpec>;
