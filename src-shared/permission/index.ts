// Permission engine: explained decisions over roles, department tree, tag-group policy,
// personal-tag switches and content lint. Main and the team server decide; the renderer previews.
export * from './types';
export { createPermissionEngine, type PermissionContext, type PermissionEngine } from './engine';
export { tagGroupAccess, relationReach, personalTagsEnabled, ROLE_CEILING } from './levels';
