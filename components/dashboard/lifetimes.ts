/** Lifetime choices, in hours (the API's unit), capped by the server's maximum. */
export const ROOM_LIFETIMES = [
  { hours: 24, key: "owner.lifetime.day" },
  { hours: 168, key: "owner.lifetime.week" },
  { hours: 672, key: "owner.lifetime.fourWeeks" },
  { hours: 1344, key: "owner.lifetime.eightWeeks" },
] as const;

export const LINK_LIFETIMES = [
  { hours: 1, key: "owner.lifetime.hour" },
  { hours: 24, key: "owner.lifetime.day" },
  { hours: 168, key: "owner.lifetime.week" },
  { hours: 720, key: "owner.lifetime.thirtyDays" },
] as const;
