/** Call links on the wire (ref §2.4): what `GET /call-url` lists and `POST /call-url` answers. */

/** One live link as `GET /call-url` lists it; `subject` only when one was given. */
export type CallUrlInfo = {
  callToken: string;
  callUrl: string;
  callerId: string;
  issuer: string;
  subject?: string;
  timestamp: number;
  /** Unix seconds */
  expires: number;
};

/** `POST /call-url`'s answer. */
export type CreatedCallUrl = { callUrl: string; callToken: string; expiresAt: number };

/** `POST /call-url`'s body (`expiresIn` in hours); `PUT /call-url/{token}` takes any part of it. */
export type CallUrlRequest = { callerId: string; expiresIn?: number; issuer?: string; subject?: string };
