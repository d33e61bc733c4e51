// Types of index.mjs, for the TypeScript tests that replay the sequence.
import type { Step } from '../engine.mjs';
export const AREAS: Record<string, Step[]>;
export const STEPS: (Step & { area: string })[];
