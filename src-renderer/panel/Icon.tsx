// Small line icons drawn inline (the CSP allows no remote images): each chip state has one,
// so colour is never the only signal.
const PATHS = {
  clock: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm0 3v3.8l2.4 1.5',
  hourglass: 'M4.5 1.5h7M4.5 14.5h7M5 1.5c0 3.5 6 3.5 6 6.5s-6 3-6 6.5M11 1.5c0 3.5-6 3.5-6 6.5s6 3 6 6.5',
  lock: 'M4 7.5h8v6.5H4zM5.5 7.5V5a2.5 2.5 0 0 1 5 0v2.5',
  x: 'M4 4l8 8M12 4l-8 8',
  check: 'M3 8.5l3 3 7-7',
  plus: 'M8 3v10M3 8h10',
  alert: 'M8 1.8 15 14H1L8 1.8Zm0 4.7v3.6m0 2v.1',
  robot: 'M3.5 5.5h9v7h-9zM8 2.5v3M6 8.5h.01M10 8.5h.01M1.5 8.5v2M14.5 8.5v2',
  search: 'M7 2a5 5 0 1 0 0 10A5 5 0 0 0 7 2Zm3.6 8.6L14 14',
  chevron: 'M5 6l3 3 3-3',
  keyboard: 'M1.5 4h13v8h-13zM4 6.5h.01M6.5 6.5h.01M9 6.5h.01M11.5 6.5h.01M4.5 9.5h7',
  refresh: 'M13 3.5v3h-3M3 12.5v-3h3M12.6 6.5A5 5 0 0 0 3.5 5.2M3.4 9.5a5 5 0 0 0 9.1 1.3',
  'bell-off': 'M6.5 13.5a1.6 1.6 0 0 0 3 0M4 11.5h9M12 11.5V7.5a4 4 0 0 0-6.6-3M4 7.5v4M2 2l12 12',
  user: 'M8 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm-5.5 6.5c.6-2.7 2.8-4.5 5.5-4.5s4.9 1.8 5.5 4.5',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 12, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg className={`icon ${className ?? ''}`} width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
