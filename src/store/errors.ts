/** How the disk layer fails: one sentence for the reader, never a stack trace. */

/** A problem that stops the command: printed as one sentence, exit code 2. */
export class FatalError extends Error {}

const SYSTEM_ERRORS: Record<string, string> = {
  ENOSPC: 'the disk is full: free some space and run the command again',
  EDQUOT: 'the disk quota is used up: free some space and run the command again',
  EACCES: 'permission denied: run the command as a user who may write there, or change the folder’s permissions',
  EPERM: 'the operation is not permitted: run the command as a user who may write there, or change the folder’s permissions',
  EROFS: 'the file system is read-only: run the command where the content folder can be written',
  EMFILE: 'too many files are open: close some programs and run the command again',
  EIO: 'the disk reported an input/output error: check the disk, then run the command again',
};

/**
 * The sentence for a system error (full disk, no permission, read-only file system, …), or undefined for anything
 * else. `after` says what state the command left behind.
 */
export function systemErrorSentence(error: unknown, after: string): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const what = code ? SYSTEM_ERRORS[code] : undefined;
  if (!what) return undefined;
  const path = (error as NodeJS.ErrnoException).path;
  return `${path ? `${path}: ` : ''}${what} (${code}). ${after}`;
}
