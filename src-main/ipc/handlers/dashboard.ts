// The dashboard and descriptor-sharing channels. The dashboard is the team server's answer (it
// limits the figures to the viewer's scope). Consents are kept in the member's own store; after
// each consent, revocation, visit, and change to a customer's personal tags, the device brings
// the server in line (./descriptors/descriptor-sharing.ts) — a failure is kept and retried.
import type { HandlerTable } from '../dispatch';
import { HandledError } from '../dispatch';
import type { Services } from '../../app/services';
import { createDashboardApiClient, type DashboardApiClient } from '../../team/dashboard-api-client';
import { withTeam } from '../team-call';
import { giveConsent, listConsents, revokeConsent, syncConsents } from '../../descriptors/descriptor-sharing';
import { currentPolicy } from '../../store/caches';
import { getPersonalTag } from '../../store/personal-tags';
import type { PolicyDocument } from '../../../src-shared/policy/document';
import { DEFAULT_COMPANY_DESCRIPTORS, type CompanyDescriptor } from '../../../src-shared/policy/company-descriptor';
import type { DescriptorSharing } from '../../../src-shared/ipc/channels/dashboard';

type DashboardChannel = Extract<keyof HandlerTable, 'dashboard.get' | `descriptors.${string}`>;

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const iso = (s: number | null): string | null => (s === null ? null : new Date(s * 1000).toISOString());


/** How long after a customer's personal tags change the device re-publishes (changes come in runs). */
const REPUBLISH_DELAY_MS = 1_500;
/** How long a screen waits for the server before showing the consents as they stand (the sync carries on). */
const SCREEN_WAIT_MS = 4_000;
const atMost = (p: Promise<unknown>, ms: number): Promise<unknown> =>
  Promise.race([p, new Promise((resolve) => setTimeout(resolve, ms).unref?.())]);

export function dashboardHandlers(s: Services): Pick<HandlerTable, DashboardChannel> {
  async function client(): Promise<DashboardApiClient | null> {
    const url = s.session.serverUrl();
    const token = await s.session.deviceToken();
    return url && token && s.session.member() ? createDashboardApiClient(url, token) : null;
  }

  /** The company's descriptors from the policy this device keeps (works offline). */
  function descriptors(): CompanyDescriptor[] {
    const policy = currentPolicy<Partial<PolicyDocument>>(s.workspace().db, 'policy');
    return policy?.body.companyDescriptors ?? DEFAULT_COMPANY_DESCRIPTORS;
  }

  let syncing: Promise<unknown> = Promise.resolve();
  /** Serialised: two overlapping runs could publish a set and then withdraw it out of order. */
  function sync(): Promise<unknown> {
    syncing = syncing.then(async () => {
      const c = await client();
      if (!c) return;
      await syncConsents(s.workspace().db, c, nowSeconds);
    }).catch((e: unknown) => s.log.warn({ err: e }, 'descriptors: sync failed'));
    return syncing;
  }

  let timer: ReturnType<typeof setTimeout> | null = null;
  s.bus.subscribe((event) => {
    if (event.type !== 'customer.changed' || timer) return;
    timer = setTimeout(() => {
      timer = null;
      if (!s.session.member()) return;
      // Only worth a round trip when the member shares something.
      try {
        if (listConsents(s.workspace().db).length === 0) return;
      } catch {
        return;
      }
      void sync();
    }, REPUBLISH_DELAY_MS);
    timer.unref?.();
  });

  function view(): DescriptorSharing {
    const ws = s.workspace();
    const consents = new Map(listConsents(ws.db).map((c) => [c.personalTagId, c]));
    return {
      descriptors: descriptors(),
      tags: ws.personalList(false).map((t) => {
        const c = consents.get(t.id);
        return {
          personalTagId: t.id, name: t.name, uses: t.uses,
          consent: c ? { descriptorId: c.descriptorId, status: c.status, consentedAt: iso(c.consentedAt)!, publishedAt: iso(c.publishedAt), publishedCustomers: c.publishedCustomers, publishError: c.publishError } : null,
        };
      }),
    };
  }

  return {
    'dashboard.get': () => withTeam(s, (url, token) => createDashboardApiClient(url, token).dashboard()),
    'descriptors.list': async () => {
      await atMost(sync(), SCREEN_WAIT_MS);
      return view();
    },
    'descriptors.consent': async ({ personalTagId, descriptorId }) => {
      const ws = s.workspace();
      ws.personalList(false); // refuses when personal tags are off by policy
      const tag = getPersonalTag(ws.db, personalTagId);
      if (!tag || tag.deletedAt !== null) throw new HandledError('not_found', `personal tag ${personalTagId} not found`, '该个人标签已删除。');
      if (!descriptors().some((d) => d.id === descriptorId)) throw new HandledError('not_found', `descriptor ${descriptorId} not in policy`, '公司描述列表中没有该描述，可能已被管理员移除。');
      giveConsent(ws.db, personalTagId, descriptorId, nowSeconds());
      await atMost(sync(), SCREEN_WAIT_MS);
      return view();
    },
    'descriptors.revoke': async ({ personalTagId }) => {
      const ws = s.workspace();
      if (!revokeConsent(ws.db, personalTagId, nowSeconds())) throw new HandledError('not_found', `no consent for personal tag ${personalTagId}`, '该个人标签没有共享，无需撤回。');
      await atMost(sync(), SCREEN_WAIT_MS);
      return view();
    },
  };
}
