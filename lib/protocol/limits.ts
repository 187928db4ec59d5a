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
} as const;
