// Messages of one feature; part of the one catalog (../zh-CN.ts, as `t.governance`).
export const governance = {} as const;
