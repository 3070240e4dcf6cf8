import type { SyncRuntime } from './sync-runtime.ts';

/**
 * The sync engine's code, loaded in steps (issue 10 point 2: no long task on a mid-range phone).
 *
 * A dynamic import evaluates every module it newly reaches in one task: for the engine that was
 * zod, the domain's row schemas and the engine itself together, 120–150 ms of main thread at 4×
 * CPU right after the first job card (a long task inside Lighthouse's blocking window). Each step
 * below reaches a part of that graph, and the next step starts in a new task, so the browser can
 * paint and answer a tap in between. Modules already evaluated by an earlier step are not run
 * again; a step that reaches nothing new costs nothing.
 */
const STEPS: (() => Promise<unknown>)[] = [
  // zod itself (idSchema is a one-line schema: this step is the library's own evaluation).
  () => import('./engine-step-zod.ts'),
  // The replicated rows' schemas, built once at module load.
  () => import('./engine-step-schemas.ts'),
];

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function loadSyncEngine(): Promise<{ SyncRuntime: typeof SyncRuntime }> {
  for (const step of STEPS) {
    await step();
    await nextTask();
  }
  return import('./sync-runtime.ts');
}
