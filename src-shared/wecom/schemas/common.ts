// Shared pieces of WeCom's JSON shapes. Responses are parsed leniently where WeCom itself is
// inconsistent (numbers vs strings in remark_mobiles, optional arrays) and strictly elsewhere.
import { z } from 'zod';

/** WeCom counts characters, not UTF-16 units: "最多30个字符". */
export const charLength = (s: string): number => [...s].length;
export const maxChars = (n: number) => z.string().refine((s) => charLength(s) <= n, { message: `at most ${n} characters` });

/** uint32 order values: [0, 2^32), higher sorts first. */
export const order = z.number().int().min(0).max(2 ** 32 - 1);

/** Phone numbers come as strings in the docs and as numbers in some fixtures; keep strings. */
export const mobiles = z.array(z.union([z.string(), z.number()]).transform(String));

/** Every body has errcode/errmsg; gettoken fixtures may omit both (then errcode counts as 0). */
export const envelope = z.looseObject({
  errcode: z.number().int().optional(),
  errmsg: z.string().optional(),
});

export const ok = z.object({});
