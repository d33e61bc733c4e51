// Types of engine.mjs, for the TypeScript tests that drive it.
export interface Step {
  name: string;
  method: string;
  path: string;
  auth?: 'admin' | { bearer: string } | { basic: [string, string] };
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  capture?: Record<string, string>;
  cookies?: boolean;
}
export interface Target {
  name: string;
  url: string;
}
export interface FidelityResult {
  agree: number;
  differ: number;
  results: { area: string; name: string; differences: string[] }[];
}
export function runFidelity(options: {
  targets: [Target, Target];
  steps: (Step & { area: string })[];
  realm: string;
  write?: (line: string) => void;
}): Promise<FidelityResult>;
