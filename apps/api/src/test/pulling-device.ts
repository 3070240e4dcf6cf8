import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { SCHEMA_VERSION, type PullResponse } from '@lastmile/sync';
import type { Db } from '../db/client.ts';
import { sessionFor } from './test-app.ts';

/**
 * A device of this person that only pulls, through the route, from where it stood, and holds
 * what a real client would (a reset clears it first): for tests of who receives which rows when
 * jobs or people move.
 */
export function pullingDevice(
  app: FastifyInstance,
  db: Db,
  who: { id: string; email: string; orgId: string },
  prefix = 'pull',
) {
  const clientId = `${prefix}${crypto.randomUUID().replaceAll('-', '')}`;
  let cursor: string | null = null;
  const held = new Map<string, Record<string, unknown>>();
  const device = {
    held,
    has: (entity: string, id: string) => held.has(`${entity}:${id}`),
    people: () => [...held.keys()].filter((k) => k.startsWith('users:')).length,
    async sync() {
      const headers = await sessionFor(db, who);
      for (;;) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/sync/pull',
          headers,
          payload: { schemaVersion: SCHEMA_VERSION, clientId, cursor, limit: 1000 },
        });
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json<PullResponse>();
        if (page.reset && cursor !== null) held.clear();
        for (const change of page.changes) {
          const key = `${change.entity}:${change.id}`;
          if (change.op === 'put') held.set(key, change.row);
          else held.delete(key);
        }
        cursor = page.cursor;
        if (!page.more) return device;
      }
    },
  };
  return device;
}
