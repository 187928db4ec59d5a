import { registerBackgroundTask } from "../server-start";
import { registerRoomMembership } from "./membership";
import { sweepRooms } from "./sweep";

// Imported once from lib/sweepers.ts at server start: the rooms expiry sweeper, and rooms
// vouching for their participants on the p2p signaling relay.
registerBackgroundTask({ name: "rooms", everyMs: 5_000, run: sweepRooms });
registerRoomMembership();
