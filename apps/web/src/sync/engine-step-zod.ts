// A step of loadSyncEngine (engine-steps.ts): reaches zod and nothing else of the engine.
export { idSchema } from '@lastmile/domain';
