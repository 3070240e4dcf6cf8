/** Test fixtures of the domain's rows, as `@lastmile/domain/testing`: for tests only, never imported by production code. */
export { sampleJobRow, sequentialJobRows } from './job-row.ts';
