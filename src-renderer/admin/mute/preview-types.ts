// The week preview's shape, as the contract's mute.preview answers it.
import type { z } from 'zod';
import type { mutePreviewViewSchema } from '../../../src-shared/ipc/channels/mute';

export type MutePreviewView = z.infer<typeof mutePreviewViewSchema>;
