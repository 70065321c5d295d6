import type { TeamMigration } from './index';

/**
 * Backtests run on the team server (docs/automation.md): which rule content (digest) an admin
 * previewed and when, so enabling a rule can require a recent backtest of that exact version.
 */
export const t016AutomationBacktests: TeamMigration = {
  name: '016-automation-backtests',
  up(db) {
    db.exec(`
      CREATE TABLE automation_backtests (
        rule_id TEXT NOT NULL,
        digest TEXT NOT NULL,
        at INTEGER NOT NULL,
        by TEXT NOT NULL,
        PRIMARY KEY (rule_id, digest)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
