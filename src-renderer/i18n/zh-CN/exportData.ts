// Messages of one feature; part of the one catalog (../zh-CN.ts, as `t.exportData`).
export const exportData = {} as const;
