// Messages of one feature; part of the one catalog (../zh-CN.ts, as `t.handover`).
export const handover = {} as const;
