import { db } from "../db";
import { log } from "../log";

/**
 * DELETE /account. For a Hawk session, as the reference (ref §2.2): the user's push URLs, call
 * URLs and calls, and this session; rooms are left to expire. For a web user: everything the
 * user owns, in one transaction, after which neither the password nor the session works.
 */
export async function deleteHawkAccount(caller: { sessionHmac: string; userMac: string }): Promise<void> {
  const { userMac } = caller;
  await db().$transaction([
    db().pushUrl.deleteMany({ where: { userMac } }),
    db().callUrl.deleteMany({ where: { userMac } }),
    db().call.deleteMany({ where: { calleeMac: userMac } }),
    db().hawkSession.deleteMany({ where: { idHmac: caller.sessionHmac } }),
    // the session stops being a device of the numbers it verified; a number nobody holds goes
    db().phoneDevice.deleteMany({ where: { sessionHmac: caller.sessionHmac } }),
    db().phoneNumber.deleteMany({ where: { userId: null, devices: { none: {} } } }),
  ]);
  log.info("account.deleted", { kind: "hawk" });
}

export async function deleteWebAccount(user: { userId: string; userMac: string }): Promise<void> {
  const { userId, userMac } = user;
  await db().$transaction([
    db().participant.deleteMany({ where: { room: { ownerMac: userMac } } }),
    db().room.deleteMany({ where: { ownerMac: userMac } }),
    db().roomTombstone.deleteMany({ where: { ownerMac: userMac } }),
    db().callUrl.deleteMany({ where: { userMac } }),
    db().call.deleteMany({ where: { OR: [{ calleeMac: userMac }, { callerMac: userMac }] } }),
    db().contact.deleteMany({ where: { userId } }),
    db().pushUrl.deleteMany({ where: { userMac } }),
    db().hawkSession.deleteMany({ where: { OR: [{ userId }, { userMac }] } }),
    db().oAuthLink.deleteMany({ where: { userId } }),
    db().emailVerification.deleteMany({ where: { userId } }),
    // the account's numbers are no longer its identity; a number nobody else holds goes
    db().phoneNumber.updateMany({ where: { userId }, data: { userId: null } }),
    db().phoneNumber.deleteMany({ where: { userId: null, devices: { none: {} } } }),
    db().user.deleteMany({ where: { id: userId } }),
  ]);
  log.info("account.deleted", { kind: "web", userId });
}
