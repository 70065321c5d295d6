// kill -9 while a salesperson's changes are being written: every change that was acknowledged
// (its transaction committed) is there after restart, nothing is half-written, the audit chain
// still verifies. Durability across power loss is FULL's job; this checks the app's side.
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, storeHealth } from '../../../src-main/store/database';
import { opsForPair } from '../../../src-main/store/outbox';
import { verifyAuditChain, auditEvents } from '../../../src-main/store/audit';

function writeUntilKilled(file: string, acksBeforeKill: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'crash-writer.ts'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = 0;
    let buf = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) acked = Math.max(acked, Number(l));
      if (acked >= acksBeforeKill) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`writer exited without being killed (${signal ?? _code})`))));
  });
}

describe('kill -9 during writes', () => {
  it('keeps every acknowledged op with its audit event, and the store stays healthy', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tagdesk-crash-')), 'store.sqlite');
    for (const kills of [40, 90, 150]) {
      const acked = await writeUntilKilled(file, kills);
      const db = openDatabase(file);
      const h = storeHealth(db);
      expect(h.integrity).toBe('ok');
      expect(h.foreignKeyViolations).toBe(0);
      const ops = opsForPair(db, 'zhangsan', 'wm-crash');
      expect(ops.length).toBeGreaterThanOrEqual(acked);
      expect(ops.map((o) => o.seq)).toEqual(ops.map((_, i) => i + 1));
      // op and audit event are one transaction: never one without the other
      expect(auditEvents(db, 'enterprise', 1, 100_000).filter((e) => String(e.body.type).startsWith('outbox.'))).toHaveLength(ops.length);
      expect(verifyAuditChain(db, 'enterprise').ok).toBe(true);
      db.close();
    }
  });
});
