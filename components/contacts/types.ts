/** A contact as the /contacts API returns it. */
export type Contact = { id: string; name: string; email: string; createdAt: number };
