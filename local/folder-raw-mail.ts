import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RawMailStore } from '../functions/ports/raw-mail.ts';

const safeKey = /^(?!.*\.\.)[A-Za-z0-9._/-]{1,200}$/;

/** The local twin of the raw-reply bucket: one file per message in a folder. */
export class FolderRawMailStore implements RawMailStore {
  constructor(private readonly folder: string) {}

  /** The file a key maps to; keys are checked so none can leave the folder. */
  path(key: string): string {
    if (!safeKey.test(key)) throw new Error(`unsafe raw mail key: ${key}`);
    return join(this.folder, key);
  }

  async get(key: string, maxBytes: number): Promise<Buffer | null> {
    let file: Awaited<ReturnType<typeof open>>;
    try {
      file = await open(this.path(key), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const buffer = Buffer.alloc(maxBytes);
      const { bytesRead } = await file.read(buffer, 0, maxBytes, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
