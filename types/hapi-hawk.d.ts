// Minimal typings for the parts of @hapi/hawk we use (server verification; client for tests).
declare module "@hapi/hawk" {
  type Credentials = { id: string; key: string; algorithm: "sha256" | "sha1" };
  type Artifacts = { hash?: string; ts: string; nonce: string; [k: string]: unknown };
  type Req = { method: string; url: string; headers: Record<string, string | undefined> };
  const Hawk: {
    server: {
      authenticate(
        req: Req,
        credentialsFunc: (id: string) => Promise<Credentials | undefined>,
        options?: {
          timestampSkewSec?: number;
          localtimeOffsetMsec?: number;
          nonceFunc?: (key: string, nonce: string, ts: string) => Promise<void>;
          payload?: string;
          host?: string;
          port?: number;
        },
      ): Promise<{ credentials: Credentials; artifacts: Artifacts }>;
      authenticatePayload(payload: string, credentials: Credentials, artifacts: Artifacts, contentType: string): void;
    };
    client: {
      header(
        uri: string,
        method: string,
        options: { credentials: Credentials; payload?: string; contentType?: string; timestamp?: number; nonce?: string; localtimeOffsetMsec?: number },
      ): { header: string; artifacts: Artifacts };
    };
  };
  export default Hawk;
}
