// Re-renders once a minute, so "剩 2 小时" and "3 分钟前" stay true while nothing else changes.
import { useEffect, useState } from 'react';

export function useMinuteTick(): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 60_000);
    return () => clearInterval(timer);
  }, []);
  return tick;
}
