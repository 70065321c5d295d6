// Device settings: the team server, the global shortcut, and how dates and numbers are shown.
import { z } from 'zod';
import { channel } from '../contract';

import { DATE_LOCALES } from '../locales';

export { DATE_LOCALES };

export const settingsSchema = z.object({
  teamServerUrl: z.string().nullable(),
  /** Electron accelerator, e.g. CommandOrControl+Shift+K. */
  shortcut: z.string(),
  /** False when another app holds the shortcut; null in browser mode (no global shortcuts there). */
  shortcutActive: z.boolean().nullable(),
  dateLocale: z.enum(DATE_LOCALES),
});
export type Settings = z.infer<typeof settingsSchema>;

const ACCELERATOR = /^(?:(?:CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)\+){1,3}(?:[A-Z0-9]|F(?:[1-9]|1[0-9]|2[0-4])|Space|Tab|Backspace|Delete|Insert|Return|Enter|Up|Down|Left|Right|Home|End|PageUp|PageDown|Escape|Esc|Plus|`|-|=|\[|\]|;|'|,|\.|\/)$/;

export const settingsChannels = {
  'settings.get': channel({
    summary: 'The device settings.',
    args: z.object({}).strict(),
    result: settingsSchema,
  }),
  'settings.setTeamServer': channel({
    summary: 'Points the app at another team server (signed out only); checks it answers first.',
    args: z.object({ url: z.string().trim().url('请输入完整的服务器地址，例如 https://tagdesk.example.com').refine((u) => /^https?:\/\//.test(u), '服务器地址应以 http:// 或 https:// 开头') }).strict(),
    result: settingsSchema,
  }),
  'settings.setShortcut': channel({
    summary: 'Changes the global shortcut that brings the panel up with search focused.',
    args: z.object({ shortcut: z.string().trim().regex(ACCELERATOR, '快捷键格式不正确，例如 CommandOrControl+Shift+K（至少一个修饰键加一个按键）') }).strict(),
    result: settingsSchema,
  }),
  'settings.setDateLocale': channel({
    summary: 'How dates and numbers are shown in the panel.',
    args: z.object({ dateLocale: z.enum(DATE_LOCALES) }).strict(),
    result: settingsSchema,
  }),
};
