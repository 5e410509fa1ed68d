import { open, unlink } from 'node:fs/promises';

/**
 * The two steps that make a file survive a crash or power cut: the file's own data reaches the
 * disk (fsync) before it is renamed into place, and the folder is fsynced after the rename so the
 * new name itself is on disk.
 */

/** Creates `file` (it must not exist), writes `content` and fsyncs it; no file is left on failure. */
export async function writeSynced(file: string, content: string | Buffer): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(file).catch(() => undefined);
    throw error;
  }
  await handle.close();
}

export async function fsyncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
