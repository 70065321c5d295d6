// Sign-in between the desktop and the team server (the WeCom way: a login code from WeCom's
// QR login, exchanged by the server through auth/getuserinfo for a device token).
import { z } from 'zod';

export const roleSchema = z.enum(['sales', 'service', 'supervisor', 'admin']);

export const loginRequestSchema = z
  .object({
    code: z.string().min(1).max(512),
    /** Shown in the admin's device list, e.g. "张伟的笔记本". */
    deviceLabel: z.string().max(120).optional(),
  })
  .strict();

export const meSchema = z.object({
  userid: z.string(),
  name: z.string(),
  role: roleSchema,
  departmentIds: z.array(z.number().int()),
  departmentName: z.string(),
  deviceId: z.string(),
});
export type Me = z.infer<typeof meSchema>;

export const loginResponseSchema = z.object({ deviceToken: z.string(), me: meSchema });
export type LoginResponse = z.infer<typeof loginResponseSchema>;
