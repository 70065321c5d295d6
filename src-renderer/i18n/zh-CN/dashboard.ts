// Messages of one feature; part of the one catalog (../zh-CN.ts, as `t.dashboard`).
export const dashboard = {} as const;
