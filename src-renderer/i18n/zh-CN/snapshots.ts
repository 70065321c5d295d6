// Messages of one feature; part of the one catalog (../zh-CN.ts, as `t.snapshots`).
export const snapshots = {} as const;
