import type { FastifyInstance, FastifyTypeProvider } from 'fastify';
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
