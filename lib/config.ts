import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { log } from "./log";

/**
 * The environment, parsed once. A bad value stops the server at start with a message naming
 * the variable. Secrets missing in the default set-up are generated once and kept in the data
 * folder, so a fresh machine needs no configuration at all.
 */

const csv = z
  .string()
  .optional()
  .transform((v) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean));

const intFrom = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(def);

/**
 * Rate limits (lib/limits/): each is `LIMIT_<NAME>=<points>/<seconds>`, e.g.
 * `LIMIT_REGISTRATION_PER_ADDRESS=300/600` = 300 registrations per address per 10 minutes.
 * Defaults are generous for real use and for the test suites; `0/<seconds>` refuses all.
 */
export const LIMIT_DEFAULTS = {
  REGISTRATION_PER_ADDRESS: "300/600",
  SIGN_UP_PER_ADDRESS: "100/3600",
  SIGN_UP_TAKEN_PER_ADDRESS: "20/900",
  SIGN_IN_PER_ADDRESS: "50/900",
  SIGN_IN_PER_ACCOUNT_ADDRESS: "5/900",
  SIGN_IN_SLOWDOWN_PER_ACCOUNT: "10/900",
  ROOM_CREATE_PER_USER: "200/3600",
  ROOM_CREATE_PER_ADDRESS: "600/3600",
  CALL_URL_CREATE_PER_USER: "200/3600",
  CALL_URL_CREATE_PER_ADDRESS: "600/3600",
  LINK_CALL_PER_LINK: "30/600",
  LINK_CALL_PER_CALLER: "60/600",
  DIRECT_CALL_PER_USER: "120/600",
  FEEDBACK_PER_ADDRESS: "30/3600",
  TOKEN_MISS_PER_ADDRESS: "120/60",
  MSISDN_SEND_PER_NUMBER: "5/3600",
  MSISDN_SEND_PER_ADDRESS: "20/3600",
} as const;
export type LimitName = keyof typeof LIMIT_DEFAULTS;

const limitSpec = (def: string) =>
  z
    .string()
    .default(def)
    .refine((v) => /^\d{1,9}\/\d{1,9}$/.test(v) && Number(v.split("/")[1]) > 0, "must be <points>/<seconds>, e.g. 60/600")
    .transform((v) => ({ points: Number(v.split("/")[0]), durationSec: Number(v.split("/")[1]) }));

const limitVars = Object.fromEntries(
  Object.entries(LIMIT_DEFAULTS).map(([k, v]) => [`LIMIT_${k}`, limitSpec(v)]),
) as { [K in LimitName as `LIMIT_${K}`]: ReturnType<typeof limitSpec> };

const iceServer = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: intFrom(3000, 1, 65535),
    // read by scripts/start.mjs (the address to listen on); validated here with the rest
    HOST: z.string().optional(),
    PUBLIC_URL: z.url().optional(),
    DATA_DIR: z.string().default("./data"),
    DATABASE_URL: z
      .string()
      .optional()
      .refine((v) => !v || /^(file:|postgres(ql)?:\/\/)/.test(v), "must start with file: or postgresql://"),
    ALLOWED_ORIGINS: csv,
    BODY_LIMIT_BYTES: intFrom(64 * 1024, 1024, 10 * 1024 * 1024),
    ROOMS_MAX_SIZE: intFrom(5, 2, 100),
    PUSH_ALLOWED_HOSTS: csv,
    PUSH_SERVER_URIS: csv,
    CARDDAV_ALLOWED_HOSTS: csv,
    CONTACTS_SYNC_INTERVAL_MIN: intFrom(60, 0, 7 * 24 * 60),
    REDIS_URL: z
      .string()
      .optional()
      .refine((v) => !v || /^rediss?:\/\//.test(v), "must start with redis:// or rediss://"),
    OPENTOK_API_KEY: z.string().optional(),
    OPENTOK_API_SECRET: z.string().optional(),
    OPENTOK_API_URL: z.url().optional(),
    ICE_SERVERS: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v) return [] as z.infer<typeof iceServer>[];
        try {
          return z.array(iceServer).parse(JSON.parse(v));
        } catch {
          ctx.addIssue({ code: "custom", message: 'must be a JSON array like [{"urls":"stun:host:3478"}]' });
          return z.NEVER;
        }
      }),
    TURN_URLS: csv.refine(
      (urls) => urls.every((u) => /^turns?:[^\s]+$/.test(u)),
      "must be comma-separated turn: or turns: URLs, like turn:turn.example.com:3478?transport=udp",
    ),
    TURN_SECRET: z.string().min(16, "must be at least 16 characters (coturn's static-auth-secret)").optional(),
    LOOP_INSTANCE: z
      .string()
      .regex(/^[\w.-]{1,64}$/, "must be a short name of letters, digits, '.', '_' or '-'")
      .optional(),
    LOOP_HMAC_SECRET: z.string().min(32).optional(),
    LOOP_HAWK_ID_SECRET: z.string().min(32).optional(),
    LOOP_TOKEN_SECRET: z.string().min(32).optional(),
    NEXTAUTH_SECRET: z.string().min(32).optional(),
    GITHUB_ID: z.string().optional(),
    GITHUB_SECRET: z.string().optional(),
    GOOGLE_ID: z.string().optional(),
    GOOGLE_SECRET: z.string().optional(),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_NAME: z.string().default("Single sign-on"),
    SMTP_URL: z
      .string()
      .optional()
      .refine((v) => !v || /^smtps?:\/\/[^/]/.test(v), "must look like smtp://user:pass@host:587 or smtps://host:465"),
    MAIL_FROM: z.string().optional(),
    SMS_PROVIDER: z.enum(["vonage"]).optional(),
    SMS_API_KEY: z.string().optional(),
    SMS_API_SECRET: z.string().optional(),
    SMS_FROM: z.string().max(15).optional(),
    SMS_API_URL: z.url().default("https://rest.nexmo.com"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    /** Tests only: a file holding milliseconds added to the server's clock (expiry without waiting). */
    LOOP_TEST_CLOCK_FILE: z.string().optional(),
    TRUST_PROXY: intFrom(0, 0, 10),
    STREAMS_MAX_PER_IDENTITY: intFrom(20, 1, 10_000),
    STREAMS_MAX_PER_ADDRESS: intFrom(200, 1, 100_000),
    STREAM_RECHECK_SEC: intFrom(15, 1, 30),
    STREAMS_LEASE_SEC: intFrom(60, 3, 600),
    CALL_SUPERVISORY_SEC: intFrom(10, 1, 300),
    CALL_RINGING_SEC: intFrom(30, 1, 300),
    CALL_CONNECTION_SEC: intFrom(10, 1, 300),
    SESSIONS_MAX_PER_USER: intFrom(100, 1, 100_000),
    PUSH_URLS_MAX_PER_USER: intFrom(50, 1, 10_000),
    ROOMS_MAX_PER_USER: intFrom(1000, 1, 1_000_000),
    CALL_URLS_MAX_PER_USER: intFrom(1000, 1, 1_000_000),
    CONTACTS_MAX_PER_USER: intFrom(20_000, 1, 1_000_000),
    ...limitVars,
  })
  .superRefine((env, ctx) => {
    if (!!env.OPENTOK_API_KEY !== !!env.OPENTOK_API_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: [env.OPENTOK_API_KEY ? "OPENTOK_API_SECRET" : "OPENTOK_API_KEY"],
        message: "OPENTOK_API_KEY and OPENTOK_API_SECRET must be set together",
      });
    }
    if (env.SMS_PROVIDER === "vonage") {
      for (const k of ["SMS_API_KEY", "SMS_API_SECRET", "SMS_FROM"] as const) {
        if (!env[k]) ctx.addIssue({ code: "custom", path: [k], message: "is required when SMS_PROVIDER=vonage" });
      }
    }
    if (env.TURN_URLS.length > 0 !== !!env.TURN_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: [env.TURN_SECRET ? "TURN_URLS" : "TURN_SECRET"],
        message: "TURN_URLS and TURN_SECRET must be set together",
      });
    }
  });

type Secrets = { hmac: string; hawkId: string; token: string; auth: string };

function loadSecrets(env: z.infer<typeof schema>, dataDir: string): Secrets {
  const fromEnv: Partial<Secrets> = {
    hmac: env.LOOP_HMAC_SECRET,
    hawkId: env.LOOP_HAWK_ID_SECRET,
    token: env.LOOP_TOKEN_SECRET,
    auth: env.NEXTAUTH_SECRET,
  };
  if (fromEnv.hmac && fromEnv.hawkId && fromEnv.token && fromEnv.auth) return fromEnv as Secrets;

  const file = join(dataDir, "secrets.json");
  let stored: Partial<Secrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, "utf8"));
  const generated: string[] = [];
  const pick = (k: keyof Secrets) => {
    if (fromEnv[k]) return fromEnv[k]!;
    if (!stored[k]) {
      stored[k] = randomBytes(32).toString("hex");
      generated.push(k);
    }
    return stored[k]!;
  };
  const secrets: Secrets = { hmac: pick("hmac"), hawkId: pick("hawkId"), token: pick("token"), auth: pick("auth") };
  if (generated.length) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600); // `mode` applies only when the file is created
    log.info("config.secrets_generated", { file, generated });
  }
  return secrets;
}

function build() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}\nSee .env.example for every variable.`);
  }
  const env = parsed.data;
  const dataDir = isAbsolute(env.DATA_DIR) ? env.DATA_DIR : resolve(/*turbopackIgnore: true*/ process.cwd(), env.DATA_DIR);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  const databaseUrl = env.DATABASE_URL ?? `file:${join(dataDir, "loop.db")}`;
  const secrets = loadSecrets(env, dataDir);
  // next-auth v4 reads these from the environment itself.
  process.env.NEXTAUTH_SECRET ??= secrets.auth;
  process.env.NEXTAUTH_URL ??= publicUrl;

  return {
    env: env.NODE_ENV,
    port: env.PORT,
    publicUrl,
    dataDir,
    database: {
      url: databaseUrl,
      dialect: databaseUrl.startsWith("file:") ? ("sqlite" as const) : ("postgresql" as const),
    },
    allowedOrigins: env.ALLOWED_ORIGINS.length ? env.ALLOWED_ORIGINS : [new URL(publicUrl).origin],
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    rooms: {
      maxSize: env.ROOMS_MAX_SIZE,
    },
    calls: {
      /** Call-progress timers, seconds (ref §5: 10 s supervisory, 30 s ringing, 10 s connection). */
      timers: { supervisory: env.CALL_SUPERVISORY_SEC, ringing: env.CALL_RINGING_SEC, connection: env.CALL_CONNECTION_SEC },
    },
    push: {
      allowedHosts: env.PUSH_ALLOWED_HOSTS.map((h) => h.toLowerCase()),
      serverUris: env.PUSH_SERVER_URIS.length ? env.PUSH_SERVER_URIS : ["wss://push.services.mozilla.com/"],
    },
    contacts: {
      /** Hosts a CardDAV source may reach over http: or on a private address (tests, a LAN server). */
      carddavAllowedHosts: env.CARDDAV_ALLOWED_HOSTS.map((h) => h.toLowerCase()),
      /** Scheduled sync of CardDAV sources, minutes (0 = only on adding and "Sync now"). */
      syncIntervalMin: env.CONTACTS_SYNC_INTERVAL_MIN,
    },
    redisUrl: env.REDIS_URL,
    testClockFile: env.LOOP_TEST_CLOCK_FILE,
    opentok:
      env.OPENTOK_API_KEY && env.OPENTOK_API_SECRET
        ? { apiKey: env.OPENTOK_API_KEY, apiSecret: env.OPENTOK_API_SECRET, apiUrl: env.OPENTOK_API_URL }
        : undefined,
    iceServers: env.ICE_SERVERS,
    /** TURN REST API credentials per participant (coturn `use-auth-secret`), when set. */
    turn: env.TURN_SECRET && env.TURN_URLS.length ? { urls: env.TURN_URLS, secret: env.TURN_SECRET } : undefined,
    /** Names this instance in the `X-Loop-Instance` response header (several instances). */
    instance: env.LOOP_INSTANCE,
    secrets,
    oauth: {
      github: env.GITHUB_ID && env.GITHUB_SECRET ? { clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET } : undefined,
      google: env.GOOGLE_ID && env.GOOGLE_SECRET ? { clientId: env.GOOGLE_ID, clientSecret: env.GOOGLE_SECRET } : undefined,
      oidc:
        env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
          ? { issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET, name: env.OIDC_NAME }
          : undefined,
    },
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM ?? `Loop <no-reply@${new URL(publicUrl).hostname}>`,
    },
    sms:
      env.SMS_PROVIDER === "vonage"
        ? {
            provider: "vonage" as const,
            apiKey: env.SMS_API_KEY!,
            apiSecret: env.SMS_API_SECRET!,
            from: env.SMS_FROM!,
            apiUrl: env.SMS_API_URL.replace(/\/+$/, ""),
          }
        : undefined,
    retryAfterSec: 30,
    trustProxy: env.TRUST_PROXY,
    limits: Object.fromEntries(
      (Object.keys(LIMIT_DEFAULTS) as LimitName[]).map((k) => [k, env[`LIMIT_${k}`]]),
    ) as Record<LimitName, { points: number; durationSec: number }>,
    caps: {
      streamsPerIdentity: env.STREAMS_MAX_PER_IDENTITY,
      streamsPerAddress: env.STREAMS_MAX_PER_ADDRESS,
      streamRecheckSec: env.STREAM_RECHECK_SEC,
      /** with REDIS_URL: how long a stream counts in Redis without its instance refreshing it */
      streamLeaseSec: env.STREAMS_LEASE_SEC,
      sessionsPerUser: env.SESSIONS_MAX_PER_USER,
      pushUrlsPerUser: env.PUSH_URLS_MAX_PER_USER,
      roomsPerUser: env.ROOMS_MAX_PER_USER,
      callUrlsPerUser: env.CALL_URLS_MAX_PER_USER,
      contactsPerUser: env.CONTACTS_MAX_PER_USER,
    },
    version: process.env.npm_package_version ?? "0.1.0",
  };
}

export type Config = ReturnType<typeof build>;

let cached: Config | undefined;

/** The parsed configuration (built on first use, then shared). */
export function config(): Config {
  return (cached ??= build());
}

/** Tests only: forget the parsed configuration so a changed environment is read again. */
export function resetConfigForTests() {
  cached = undefined;
}
