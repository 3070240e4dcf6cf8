import { z } from 'zod';
import {
  ENTITIES,
  ENTITY_NAMES,
  MUTATOR_NAMES,
  entityNameSchema,
  mutatorArgs,
  type MutatorName,
} from '@lastmile/domain';
import {
  MAX_PUSH_MUTATIONS,
  mutationSchema,
  pullResponseSchema,
  pushRequestSchema,
  refusalSchema,
} from '@lastmile/sync';
import { MUTATION_ARGS_EXAMPLES, PULL_RESPONSE_EXAMPLE, PUSH_REQUEST_EXAMPLE } from './openapi-examples.ts';
import { V1_EXAMPLES } from './openapi-v1-examples.ts';

/**
 * The sync routes validate loosely on purpose — a mutation's arguments are checked one mutation
 * at a time, so a bad one is refused alone — which leaves `args` and `row` as `{}` in a generated
 * document. For the document only, these schemas spell out each mutation's arguments and each
 * entity's row, straight from the contracts in @lastmile/domain.
 */
const documentedMutation = z.discriminatedUnion(
  'name',
  MUTATOR_NAMES.map((name: MutatorName) =>
    mutationSchema
      .extend({ name: z.literal(name), args: mutatorArgs[name].meta({ example: MUTATION_ARGS_EXAMPLES[name] }) })
      .meta({ title: name }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

const documentedPushRequest = pushRequestSchema
  .extend({
    mutations: z
      .array(documentedMutation)
      .min(1)
      .max(MAX_PUSH_MUTATIONS)
      .meta({ description: `1 to ${MAX_PUSH_MUTATIONS} mutations with consecutive ids; each one's args by its name.` }),
  })
  .meta({ example: PUSH_REQUEST_EXAMPLE });

const documentedPut = z.discriminatedUnion(
  'entity',
  ENTITY_NAMES.map((entity) =>
    z
      .object({ op: z.literal('put'), entity: z.literal(entity), id: z.string(), row: ENTITIES[entity] })
      .meta({ title: `put ${entity}` }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);
const documentedDel = z
  .object({ op: z.literal('del'), entity: entityNameSchema, id: z.string() })
  .meta({ title: 'del', description: 'The row left the caller’s scopes or was deleted: drop it locally.' });

const documentedPullResponse = pullResponseSchema
  .extend({
    changes: z.array(z.discriminatedUnion('op', [documentedPut, documentedDel])),
    refused: z.array(
      refusalSchema.extend({
        args: z.unknown().meta({ description: 'The arguments as the client sent them.' }),
      }),
    ),
  })
  .meta({ example: PULL_RESPONSE_EXAMPLE });

/** Route schema → the schema the document shows instead (by identity: the routes' own objects). */
export const DOCUMENTED_SCHEMAS = new Map<unknown, z.ZodType>([
  [pushRequestSchema, documentedPushRequest],
  [pullResponseSchema, documentedPullResponse],
  // The REST API for other systems and its keys: the same schemas, with an example.
  ...[...V1_EXAMPLES].map(([schema, example]): [unknown, z.ZodType] => [schema, schema.meta({ example })]),
]);
