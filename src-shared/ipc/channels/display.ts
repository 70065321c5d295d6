// What the company's policy asks of the panel's look: the screen watermark.
import { z } from 'zod';
import { channel } from '../contract';

export const watermarkSchema = z.object({
  enabled: z.boolean(),
  opacity: z.number(),
  /** The text repeated over the panel: member name and id, then the date (the renderer adds it). */
  text: z.string(),
});
export type Watermark = z.infer<typeof watermarkSchema>;

export const displayChannels = {
  'display.watermark': channel({
    summary: "Whether the company's policy puts a faint watermark (member name and id, date) over the panel.",
    args: z.object({}).strict(),
    result: watermarkSchema,
  }),
};
