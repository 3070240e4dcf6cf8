import type { FastifyInstance, FastifySchema, FastifyTypeProvider } from 'fastify';
import { validationError } from '@lastmile/domain';
import { z } from 'zod';

/**
 * Routes declare zod schemas (`schema: { body: signInRequestSchema, response: { 200: … } }`):
 * zod validates requests, strips responses down to their schema (so a stray column never
 * leaks), types the handler (via ZodTypeProvider), and feeds the OpenAPI document.
 */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

function asZod(schema: unknown, where: string): z.ZodType {
  if (schema instanceof z.ZodType) return schema;
  throw new Error(`${where}: route schemas must be zod schemas`);
}

export function useZodSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart, url, method }) => {
    const zodSchema = asZod(schema, `${method} ${url} ${httpPart ?? ''}`);
    const what = httpPart === 'body' ? 'request body' : `request ${httpPart ?? 'input'}`;
    return (data: unknown) => {
      const result = zodSchema.safeParse(data);
      return result.success ? { value: result.data } : { error: validationError(what, result.error) };
    };
  });
  app.setSerializerCompiler(({ schema, url, method }) => {
    const zodSchema = asZod(schema, `${method} ${url} response`);
    return (data: unknown) => JSON.stringify(zodSchema.parse(data));
  });
}

type JsonSchema = Record<string, unknown>;

function toJsonSchema(schema: unknown, io: 'input' | 'output'): unknown {
  if (!(schema instanceof z.ZodType)) return schema;
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return json;
}

/** @fastify/swagger's `transform`: the route's zod schemas as OpenAPI 3.0 schema objects. */
export function zodToOpenApi({ schema, url }: { schema: FastifySchema; url: string }): {
  schema: FastifySchema;
  url: string;
} {
  if (!schema) return { schema, url };
  const transformed: Record<string, unknown> = { ...schema };
  for (const part of ['body', 'querystring', 'params', 'headers'] as const) {
    if (schema[part] !== undefined) transformed[part] = toJsonSchema(schema[part], 'input');
  }
  if (schema.response && typeof schema.response === 'object') {
    transformed['response'] = Object.fromEntries(
      Object.entries(schema.response).map(([status, s]) => [status, toJsonSchema(s, 'output')]),
    );
  }
  return { schema: transformed, url };
}
