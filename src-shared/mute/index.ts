// Mute (屏蔽) rules evaluated (ARCHITECTURE §7, docs/mute.md): compile a policy's rules once,
// then ask `verdict(member, contact, at)` — muted / held / suppressed / open, why and until when.
export * from './schedule';
export * from './compile';
export * from './lift';
export * from './verdict';
export * from './wording';
export * from './preview';
