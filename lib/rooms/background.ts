import type { BackgroundTask } from "../background-task";
import { sweepRooms } from "./sweep";

// Run by lib/server-start.ts: the rooms expiry sweeper.
export const roomTasks: BackgroundTask[] = [{ name: "rooms", everyMs: 5_000, run: sweepRooms }];
