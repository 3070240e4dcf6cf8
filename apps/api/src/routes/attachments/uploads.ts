import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { MemoryLocker, Server, type Upload } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NodeRequest, sendNodeResponse } from 'srvx/node';
import { AppError, ERROR_CODES, MAX_ATTACHMENT_BYTES, idSchema, type AttachmentRow } from '@lastmile/domain';
import { blobKeys, findAttachment, markAvailable } from '../../attachments/attachment-records.ts';
import { HashingFileStore } from '../../attachments/hashing-file-store.ts';
import { mayUpload, type Uploader } from '../../attachments/may-upload.ts';
import { noRecordError } from '../../attachments/no-record.ts';
import type { BlobStore } from '../../attachments/storage/blob-store.ts';
import { verifyUploadedFile } from '../../attachments/verify-upload.ts';
import { TUS_CONTENT_TYPE, refuseTusConcatenation, requireTusContentType, toErrorContract } from './tus-contract.ts';
import { scheduleUploadSweep } from './upload-sweep.ts';

export const UPLOAD_PATH = '/api/attachments/uploads';

/** An AppError as tus answers it: its status, and our JSON error body. */
/**
 * The 409 of a photo whose bytes are on the server already, told apart by its key from tus's own
 * 409 (a resumed PATCH at the wrong offset): the phone drops its copy on this one only.
 */
function verifiedAlready(): AppError {
  return new AppError(
    ERROR_CODES.conflict,
    'This photo was uploaded and verified already; it cannot be replaced.',
    undefined,
    {
      key: 'photo.verifiedAlready',
    },
  );
}

function tusAnswer(error: AppError): { status_code: number; body: string } {
  return { status_code: error.status, body: JSON.stringify(error.toBody()) };
}

type NodeCarrier = { runtime?: { node?: { req: IncomingMessage } } };

/**
 * The bytes of photos and signatures, by the tus resumable upload protocol (tus.io, v1.0.0 with
 * creation and creation-with-upload). The upload's id is the attachment's id, so a
 * phone that lost everything but its record can still ask `HEAD …/uploads/<id>` where it stopped.
 *
 * Rules, checked on every request (POST, HEAD, PATCH): a session (CSRF on writes, like every route);
 * the record exists in the person's organization (it arrives by push, before the bytes); only the
 * person who took the photo uploads it (or, in crew mode, the phone they took it on: may-upload.ts); a
 * verified photo is never overwritten; the declared
 * length is the record's size. When the last byte arrives, size, file type (magic numbers) and
 * SHA-256 are checked before the bytes move to the blob store and the record becomes
 * `available`; a file that fails is discarded whole. Until then nobody can download anything.
 */
export async function attachmentUploadRoutes(app: FastifyInstance, options: { blobs: BlobStore }): Promise<void> {
  const { blobs } = options;
  // No tus expiration extension: a finished upload is verified and removed inside the request,
  // which that extension's bookkeeping does not expect. Abandoned partial uploads are swept instead.
  const datastore = new HashingFileStore({ directory: app.config.uploadDir });
  // tus's own per-upload lock (its default), held here too so that finishing excludes writing.
  const locker = new MemoryLocker();
  scheduleUploadSweep(app, app.config.uploadDir);
  const callers = new WeakMap<IncomingMessage, Uploader>();
  // The record as checked at the start of this request: the later hooks of the same request reuse it.
  const records = new WeakMap<IncomingMessage, AttachmentRow>();

  function callerOf(req: NodeCarrier): Uploader {
    const raw = req.runtime?.node?.req;
    const caller = raw ? callers.get(raw) : undefined;
    if (!caller) throw new AppError(ERROR_CODES.unauthenticated, 'You are signed out. Sign in to continue.');
    return caller;
  }

  async function recordFor(req: NodeCarrier, id: string): Promise<AttachmentRow> {
    const raw = req.runtime?.node?.req;
    const known = raw ? records.get(raw) : undefined;
    if (known?.id === id) return known;
    const record = await uploadableRecord(callerOf(req), id);
    if (raw) records.set(raw, record);
    return record;
  }

  async function uploadableRecord(caller: Uploader, id: string) {
    if (!idSchema.safeParse(id).success) {
      throw new AppError(ERROR_CODES.validation, 'An upload is named by its photo id (a UUID).');
    }
    const record = await findAttachment(app.db, caller.actor.orgId, id);
    if (!record) throw await noRecordError(app.db, caller.actor.orgId, id);
    if (!(await mayUpload(app.db, caller, record))) {
      throw new AppError(ERROR_CODES.forbidden, 'Only the person who took this photo can upload it.');
    }
    if (record.state === 'available') {
      throw verifiedAlready();
    }
    return record;
  }

  /**
   * The last byte arrived: verify, store, publish; or discard the whole file. Under the upload's
   * lock, the one tus takes to write: tus runs this hook after releasing it, and a request that
   * starts the upload over (POST) or resumes it must not empty or extend the file while it is
   * checked and copied. The lock is not given up when asked (finishing is short): a newer request
   * waits for it instead of being cut off.
   */
  async function finish(record: AttachmentRow): Promise<void> {
    const lock = locker.newLock(record.id);
    await lock.lock(new AbortController().signal, () => undefined);
    try {
      await finishLocked(record);
    } finally {
      await lock.unlock();
    }
  }

  async function finishLocked(record: AttachmentRow): Promise<void> {
    const now = await findAttachment(app.db, record.orgId, record.id);
    if (now?.state === 'available') {
      throw verifiedAlready();
    }
    // Between this request's last byte and the lock, a newer one may have started the upload over.
    const upload = await datastore.getUpload(record.id).catch(() => null);
    if (!upload || upload.offset !== upload.size) {
      throw new AppError(
        ERROR_CODES.locked,
        'A newer upload of this photo started over while this one was finishing: ask where it stands and continue.',
      );
    }
    const path = join(app.config.uploadDir, record.id);
    try {
      await verifyUploadedFile(path, record, datastore.takeDigest(record.id, record.size));
    } catch (error) {
      await datastore.remove(record.id).catch(() => undefined);
      throw error;
    }
    const key = blobKeys.original(record);
    await blobs.putFile(key, path, record.contentType);
    await markAvailable(app.db, record, key);
    // The staging copy is no longer needed; the phone need not wait for its deletion.
    void datastore.remove(record.id).catch(() => undefined);
  }

  const tus = new Server({
    path: UPLOAD_PATH,
    datastore,
    locker,
    relativeLocation: true,
    disableTerminationForFinishedUploads: true,
    maxSize: MAX_ATTACHMENT_BYTES,
    // The upload is named by the record's id as the server stores it: lower case (`idSchema`), the
    // way it is read back when the last byte arrives. An id in upper case (as Swift's UUID writes
    // it) named the file one way and looked it up another: every request answered 423, for ever
    // (found by an outsider tester). The same for the id in a request's path.
    namingFunction: (_req, metadata) => {
      const id = idSchema.safeParse(metadata?.['attachmentId'] ?? '');
      if (!id.success) {
        throw new AppError(ERROR_CODES.validation, 'Upload-Metadata must name the photo: attachmentId <id>.');
      }
      return id.data;
    },
    getFileIdFromRequest: (_req, lastPath) => {
      const id = idSchema.safeParse(lastPath);
      return id.success ? id.data : undefined;
    },
    onIncomingRequest: async (req, id) => {
      const record = await recordFor(req as NodeCarrier, id);
      // A crash between the last byte and the verification leaves a complete file: asking where
      // the upload stands finishes it, so the phone hears "done" only when it really is.
      if (req.method === 'HEAD') {
        const upload = await datastore.getUpload(id).catch(() => null);
        if (upload && upload.size === upload.offset && upload.size !== undefined) {
          await finish(record);
          throw verifiedAlready();
        }
      }
    },
    onUploadCreate: async (req, upload: Upload) => {
      const record = await recordFor(req as NodeCarrier, upload.id);
      if (upload.size !== record.size) {
        throw new AppError(
          ERROR_CODES.validation,
          `Upload-Length is ${upload.size ?? 'deferred'}, but the photo's record says ${record.size} bytes.`,
        );
      }
      // Starting over (the phone lost the upload's place) needs nothing here: creating the upload
      // empties the old partial file, under the lock a PATCH still writing it holds (tus asks that
      // PATCH to stop first). Removing it here, outside the lock, made that PATCH fail (500).
      return {};
    },
    onUploadFinish: async (req, upload: Upload) => {
      await finish(await recordFor(req as NodeCarrier, upload.id));
      return {};
    },
    // Every hook above throws our AppError; here it becomes the status and JSON body tus sends.
    onResponseError: async (_req, error) => {
      if (error instanceof AppError) return tusAnswer(error);
      const status = (error as { status_code?: number }).status_code;
      if (status === undefined || status >= 500) app.log.error({ err: error }, 'upload failed');
      return undefined;
    },
  });

  // tus reads the body itself: Fastify must leave the stream alone.
  app.addContentTypeParser(TUS_CONTENT_TYPE, (_request, _payload, done) => done(null));

  async function handle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (request.method === 'DELETE') {
      throw new AppError(ERROR_CODES.forbidden, 'Uploads are not deleted this way: delete the photo instead.');
    }
    callers.set(request.raw, { actor: request.actor, tokenHash: request.session.tokenHash });
    reply.hijack();
    // tus.handle() without its plain-text errors: the same Node ↔ Web bridge it uses (srvx), with
    // every error response turned into the API's JSON error contract on the way out.
    const response = await tus.handleWeb(new NodeRequest({ req: request.raw, res: reply.raw }));
    await sendNodeResponse(reply.raw, await toErrorContract(response));
  }

  const schema = { tags: ['attachments'], hide: true };
  for (const url of [UPLOAD_PATH, `${UPLOAD_PATH}/:id`]) {
    app.route({
      method: ['POST', 'HEAD', 'PATCH', 'OPTIONS', 'DELETE'],
      url,
      schema,
      preParsing: [refuseTusConcatenation, requireTusContentType],
      handler: handle,
    });
  }
}
