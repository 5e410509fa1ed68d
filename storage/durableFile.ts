import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { coalesced } from './coalesced.js';

/**
 * The steps that make a file survive a crash or power cut: the file's own data reaches the disk
 * (fsync) before it gets its final name, and the folder is fsynced after, so the name itself is on
 * disk. Shared by conversation state, the appointment spool and the .eml writer.
 */

/** Creates `file` (it must not exist), writes `content` and fsyncs it; no file is left on failure. */
export async function writeSynced(file: string, content: string | Uint8Array): Promise<void> {
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

/**
 * Makes a create, rename or link inside `folder` durable. Concurrent callers for one folder share
 * fsyncs (see coalesced): under load, turns of many conversations saving state at once need one
 * folder fsync between them instead of one each.
 */
export function fsyncFolder(folder: string): Promise<void> {
  let sync = folderSyncs.get(folder);
  if (sync === undefined) {
    sync = coalesced(() => syncFolderNow(folder));
    folderSyncs.set(folder, sync);
  }
  return sync();
}

/** One per folder this process writes in (a handful: state, outbox folders, the data dir). */
const folderSyncs = new Map<string, () => Promise<void>>();

async function syncFolderNow(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `file` so that a crash leaves either the old content or the new, never a torn file:
 * a synced temp file beside it is renamed over it, then the folder is synced.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  await writeSynced(temp, content);
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await fsyncFolder(dir);
}

export async function ensureFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

export function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
