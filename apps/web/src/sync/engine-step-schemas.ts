// A step of loadSyncEngine (engine-steps.ts): reaches the domain's row schemas.
export { ENTITIES } from '@lastmile/domain';
