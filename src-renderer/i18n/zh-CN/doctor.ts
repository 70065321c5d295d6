// Messages of one feature; part of the one catalog (../zh-CN.ts, as `t.doctor`).
export const doctor = {} as const;
