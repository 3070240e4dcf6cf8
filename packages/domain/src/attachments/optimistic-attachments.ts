import { AppError, ERROR_CODES } from '../errors.ts';
import type { MutatorArgs } from '../mutators/contract.ts';
import type { MutatorContext, MutatorTx } from '../mutators/tx.ts';

type Optimistic<N extends 'addAttachment' | 'setAttachmentCaption' | 'deleteAttachment'> = (
  tx: MutatorTx,
  args: MutatorArgs<N>,
  ctx: MutatorContext,
) => Promise<void>;

const addAttachment: Optimistic<'addAttachment'> = async (tx, args, { actor, now }) => {
  await tx.put('attachments', {
    ...args,
    // The server keeps it only if the organization says so; the phone shows what it sent.
    orgId: actor.orgId,
    capturedBy: actor.userId,
    state: 'pending',
    uploadedAt: null,
    createdAt: now,
  });
};

const setAttachmentCaption: Optimistic<'setAttachmentCaption'> = async (tx, { id, caption }) => {
  const row = await tx.get('attachments', id);
  if (!row) throw new AppError(ERROR_CODES.notFound, 'This photo is not on this device.');
  await tx.put('attachments', { ...row, caption });
};

const deleteAttachment: Optimistic<'deleteAttachment'> = async (tx, { id }) => {
  await tx.delete('attachments', id);
};

export const optimisticAttachmentMutators = { addAttachment, setAttachmentCaption, deleteAttachment };
