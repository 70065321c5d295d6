// Automation (issue 10) in the pure core: behaviour-event shapes, keyword matching with curated
// synonyms, and the rule evaluator shared by the live path, the nightly pass and the backtest.
export * from './events';
export * from './keywords';
export * from './evaluate';
export * from './rfm';
export * from './templates';
