// Messages of one feature; part of the one catalog (../zh-CN.ts, as `t.catalogAdmin`).
export const catalogAdmin = {} as const;
