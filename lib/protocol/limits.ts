/**
 * The contract's fixed limits and lifetimes (contract §3, ref §2.6). Not configurable: clients
 * rely on them. What an operator may set lives in lib/config.ts.
 */
export const limits = {
  rooms: {
    defaultTtlHours: 1344,
    maxTtlHours: 1344,
    extendTtlHours: 1344,
    participantTtlSec: 300,
    deletedTtlSec: 27 * 60,
    maxRoomNameSize: 100,
    maxRoomOwnerSize: 255,
    maxChannelSize: 64,
    maxContextBytes: 16 * 1024,
  },
  callUrls: { defaultTtlHours: 720, maxTtlHours: 720, maxNameSize: 255 },
  calls: { maxSubjectSize: 124, durationSec: 60 },
  /** Hawk sessions: unused for 30 days they go; timestamps within 60 s; last use noted each minute. */
  hawk: { sessionTtlSec: 30 * 24 * 3600, skewSec: 60, touchEverySec: 60 },
} as const;
