// Which view, drawer, popover or overlay is open. Esc closes the innermost one first.
import { create } from 'zustand';
import { viewById } from '../views/registry';

/** `customer`, or the id of a registered view (src-renderer/views/registry.ts). */
export type View = string;
export type Drawer = 'history' | 'conflicts' | 'mine' | 'remark' | null;
export type Column = 'enterprise' | 'personal';

/** What an approval request is about: an existing tag, or a new name proposed for a group. */
export interface ApprovalTarget {
  tagId?: string;
  groupId?: string;
  proposedName?: string;
  label: string;
}

interface UiState {
  view: View;
  /** The 管理 section last opened, so the 管理 tab returns to it. */
  lastAdminView: string | null;
  drawer: Drawer;
  help: boolean;
  quickAdd: Column | null;
  approvalForm: ApprovalTarget | null;
  /** The conflict to scroll to when the conflicts drawer opens from a chip. */
  focusConflict: number | null;
  /** A short confirmation shown at the bottom for a few seconds. */
  toast: string | null;
  showToast: (text: string) => void;
  setView: (v: View) => void;
  openDrawer: (d: Drawer, focusConflict?: number | null) => void;
  toggleHelp: () => void;
  openQuickAdd: (c: Column | null) => void;
  openApprovalForm: (target: ApprovalTarget | null) => void;
  /** Closes the innermost layer; returns false when nothing was open. */
  closeTop: () => boolean;
}

export const useUiStore = create<UiState>((set, get) => ({
  view: 'customer',
  lastAdminView: null,
  drawer: null,
  help: false,
  quickAdd: null,
  approvalForm: null,
  focusConflict: null,
  toast: null,
  showToast(toast) {
    set({ toast });
    setTimeout(() => set((s) => (s.toast === toast ? { toast: null } : s)), 4000);
  },
  setView(view) {
    set((s) => ({ view, lastAdminView: viewById(view)?.place === 'admin' ? view : s.lastAdminView, quickAdd: null, approvalForm: null }));
  },
  openDrawer(drawer, focusConflict = null) {
    set({ drawer, focusConflict, quickAdd: null });
  },
  toggleHelp() {
    set((s) => ({ help: !s.help }));
  },
  openQuickAdd(quickAdd) {
    set({ quickAdd, approvalForm: null });
  },
  openApprovalForm(approvalForm) {
    set({ approvalForm, quickAdd: null });
  },
  closeTop() {
    const s = get();
    if (s.approvalForm) set({ approvalForm: null });
    else if (s.quickAdd) set({ quickAdd: null });
    else if (s.drawer) set({ drawer: null, focusConflict: null });
    else if (s.help) set({ help: false });
    else return false;
    return true;
  },
}));
