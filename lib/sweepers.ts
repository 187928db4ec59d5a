import "./accounts/register";
import "./rooms/register";
import "./calls/register";
import "./identity/register";
import "./contacts/register";
/**
 * Every domain's expiry sweeper is registered from here (rooms, participants, calls, sessions).
 * Each domain module exposes a `sweep…()` that removes expired rows and notifies whom it must.
 */
export function registerSweepers() {}
