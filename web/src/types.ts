/**
 * Names for the analysis results the API embeds, taken from the API contract itself so
 * that the UI depends on src/server/api-types.ts alone.
 */
import type { ChainsView, CoordinationMap, TeamPage } from '../../src/server/api-types.js';

export type CoordinationNeed = CoordinationMap['needs'][number];
export type IdleInteraction = CoordinationMap['idleInteractions'][number];
export type Chain = ChainsView['chains'][number];
export type QueueReport = NonNullable<TeamPage['queue']>;
export type Remedy = QueueReport['remedies'][number];
