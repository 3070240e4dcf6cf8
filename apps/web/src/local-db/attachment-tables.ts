/**
 * A photo's bytes on this device. `full` is the processed photo (scaled, re-encoded, metadata
 * stripped) until the server has verified it and space runs short; `thumb` stays for the list.
 */
export type LocalBlob = {
  /** The attachment id. */
  id: string;
  full: Blob | null;
  thumb: Blob;
  contentType: string;
  size: number;
  storedAt: string;
  /** Set when `full` was dropped to free space after the server verified it (it can be fetched again). */
  droppedAt: string | null;
};

/**
 * One photo waiting for its bytes to reach the server. Only the leader tab works the queue;
 * `sent` is what the server had confirmed at the last progress report (the server's offset is
 * the truth: a resumed upload asks for it first).
 */
export type UploadEntry = {
  /** The attachment id (the tus upload is named after it). */
  id: string;
  jobId: string | null;
  size: number;
  sent: number;
  state: 'waiting' | 'failed';
  attempts: number;
  /** Not before this time (backoff after a failure). */
  notBefore: number;
  /** The last failure, for the changes screen. */
  error: string | null;
  createdAt: string;
};
