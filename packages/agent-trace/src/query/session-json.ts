import { nanoToIso, nanoToMs, type Session } from '@agent-trace/schema';

export type SessionJson = Omit<Session, 'startNs' | 'endNs'> & {
  startTime: string;
  endTime: string | null;
  startTimeUnixNano: string;
  endTimeUnixNano: string | null;
  durationMs: number | null;
};

export const sessionToJson = (s: Session): SessionJson => {
  const { startNs, endNs, ...rest } = s;
  return {
    ...rest,
    startTime: nanoToIso(startNs),
    endTime: endNs === null ? null : nanoToIso(endNs),
    startTimeUnixNano: startNs.toString(),
    endTimeUnixNano: endNs === null ? null : endNs.toString(),
    durationMs: endNs === null ? null : Math.max(0, nanoToMs(endNs) - nanoToMs(startNs)),
  };
};
