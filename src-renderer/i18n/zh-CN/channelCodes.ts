// Messages of one feature; part of the one catalog (../zh-CN.ts, as `t.channelCodes`).
export const channelCodes = {} as const;
