// The one registry of IPC channels: each concern contributes a module under ./channels and is
// spread in here once. The preload, main's handler table and the browser-mode transport all
// derive from `contract`, so a channel exists everywhere or nowhere.
import type { ApiOf } from './contract';
import { appChannels } from './channels/app';
import { sessionChannels } from './channels/session';
import { customerChannels } from './channels/customers';
import { taggingChannels } from './channels/tagging';
import { personalChannels } from './channels/personal';
import { approvalChannels } from './channels/approvals';
import { syncChannels } from './channels/sync';
import { teamChannels } from './channels/team';
import { settingsChannels } from './channels/settings';
import { displayChannels } from './channels/display';
import { muteChannels } from './channels/mute';
import { adminChannels } from './channels/admin';
import { automationChannels } from './channels/automation';
import { doctorChannels } from './channels/doctor';
import { guardChannels } from './channels/guard';
import { dashboardChannels } from './channels/dashboard';
import { snapshotChannels } from './channels/snapshots';
import { catalogGovernanceChannels } from './channels/catalog-governance';
import { channelCodeChannels } from './channels/channel-codes';
import { handoverPacketChannels } from './channels/handover-packet';
import type { AppEvent } from './events';

export const contract = {
  ...handoverPacketChannels,
  ...muteChannels,
  ...appChannels,
  ...sessionChannels,
  ...customerChannels,
  ...taggingChannels,
  ...personalChannels,
  ...approvalChannels,
  ...syncChannels,
  ...teamChannels,
  ...settingsChannels,
  ...displayChannels,
  ...adminChannels,
  ...automationChannels,
  ...doctorChannels,
  ...guardChannels,
  ...dashboardChannels,
  ...catalogGovernanceChannels,
  ...snapshotChannels,
  ...channelCodeChannels,
};

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export const channelNames = Object.keys(contract) as ChannelName[];

/** What the renderer sees as `window.tagdesk` (Electron) or its HTTP twin (browser mode). */
export type TagdeskApi = {
  call: ApiOf<Contract>;
  /** Subscribes to main's events; returns the unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void;
};

/** Prefix of Electron IPC channel names, so nothing else on ipcMain can be reached. */
export const IPC_PREFIX = 'tagdesk:';

export * from './contract';
export * from './events';
export * from './deep-link';
export * from './channels/app';
export * from './channels/session';
export * from './channels/customers';
export * from './channels/tagging';
export * from './channels/personal';
export * from './channels/approvals';
export * from './channels/sync';
export * from './channels/team';
export * from './channels/settings';
export * from './channels/display';
export * from './channels/doctor';
export * from './channels/guard';
export * from './channels/mute';
export * from './channels/admin';
export * from './channels/dashboard';
export * from './channels/handover-packet';
