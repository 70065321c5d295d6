// The policy model: one home for the schemas of everything an admin configures.
export * from './common';
export * from './tag-group-policy';
export * from './mute-rule';
export * from './automation-rule';
export * from './reviewer-chain';
export * from './document';
export * from './validate';
export * from './guardrails';
