import { registerMembership } from "../video/membership";
import { isCallMember } from "./calls";

/** Calls vouch for their media tokens on the p2p signaling relay (called once at start-up). */
export function registerCallMembership() {
  registerMembership("call", isCallMember);
}
