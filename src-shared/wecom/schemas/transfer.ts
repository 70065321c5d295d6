// Customer transfer: on-job and resigned (DOC 92125, 94088, 92124, 94081, 94082).
import { z } from 'zod';
import { maxChars } from './common';

export const transferCustomerRequest = z.object({
  handover_userid: z.string().min(1),
  takeover_userid: z.string().min(1),
  external_userid: z.array(z.string().min(1)).min(1).max(100),
  transfer_success_msg: maxChars(200).optional(),
});
export const resignedTransferCustomerRequest = transferCustomerRequest.omit({ transfer_success_msg: true });
export const transferCustomerResponse = z.object({
  customer: z.array(z.object({ external_userid: z.string(), errcode: z.number().int() })).default([]),
});

export const transferResultRequest = z.object({
  handover_userid: z.string().min(1),
  takeover_userid: z.string().min(1),
  cursor: z.string().optional(),
});
/** status: 1 done, 2 waiting, 3 refused, 4 takeover at limit, 5 no record (older docs). */
export const transferResultResponse = z.object({
  customer: z.array(z.object({ external_userid: z.string(), status: z.number().int(), takeover_time: z.number().int() })).default([]),
  next_cursor: z.string().default(''),
});

export const getUnassignedListRequest = z.object({
  cursor: z.string().optional(),
  page_size: z.number().int().min(1).max(1000).optional(),
  page_id: z.number().int().min(0).optional(),
});
export const getUnassignedListResponse = z.object({
  info: z.array(z.object({ handover_userid: z.string(), external_userid: z.string(), dimission_time: z.number().int() })).default([]),
  is_last: z.boolean().default(true),
  next_cursor: z.string().default(''),
});
