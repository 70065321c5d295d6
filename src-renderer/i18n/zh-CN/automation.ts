// Messages of one feature; part of the one catalog (../zh-CN.ts, as `t.automation`).
export const automation = {} as const;
