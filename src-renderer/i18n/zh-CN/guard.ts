// Messages of one feature; part of the one catalog (../zh-CN.ts, as `t.guard`).
export const guard = {} as const;
