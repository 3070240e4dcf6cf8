import type { FastifyInstance } from 'fastify';

/** The parts of the OpenAPI document the tests read. */
export type SchemaObject = {
  type?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  enum?: unknown[];
  oneOf?: SchemaObject[];
  items?: SchemaObject;
  example?: unknown;
  title?: string;
};
export type ResponseObject = { description: string; content?: Record<string, { schema: SchemaObject } | undefined> };
export type OperationObject = {
  parameters?: { name: string; in: string; schema?: { type?: string } }[];
  requestBody?: { content: Record<string, { schema: SchemaObject } | undefined> };
  responses: Record<string, ResponseObject | undefined>;
};
export type OpenApiDocument = { paths: Record<string, Record<string, OperationObject | undefined> | undefined> };

export async function openApiDocument(app: FastifyInstance): Promise<OpenApiDocument> {
  const response = await app.inject({ method: 'GET', url: '/api/docs/json' });
  if (response.statusCode !== 200) throw new Error(`/api/docs/json answered ${response.statusCode}`);
  return response.json<OpenApiDocument>();
}

/** The operation documenting a Fastify route (`/api/sites/:id` is `/api/sites/{id}` in the document). */
export function operationOf(doc: OpenApiDocument, method: string, url: string): OperationObject | undefined {
  return doc.paths[url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[method.toLowerCase()];
}

/** The codes a documented error response allows. */
export function documentedCodes(operation: OperationObject | undefined, status: number): unknown[] {
  return operation?.responses[String(status)]?.content?.['application/json']?.schema.properties?.['code']?.enum ?? [];
}
