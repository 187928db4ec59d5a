/**
 * The signed-in web user (next-auth session cookie), or null.
 * Filled in by the accounts work (issue 3): decode the next-auth session and map it to the
 * user's id, userMac and email.
 */
export async function webUserFromRequest(_headers: Headers): Promise<{ userId: string; userMac: string; email: string } | null> {
  return null;
}
