// The date and number formats a member may choose. Kept free of schemas so the renderer can
// list them without loading the IPC contract's validators at start-up.
export const DATE_LOCALES = ['zh-CN', 'zh-HK', 'zh-TW', 'en-US'] as const;
export type DateLocale = (typeof DATE_LOCALES)[number];
