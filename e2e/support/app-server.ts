import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "@playwright/test";
import { freePort } from "../../tests/support/server";
import { createPgDatabase } from "../../tests/support/test-db";

export { freePort };

/**
 * Real servers the deployment e2e specs start and stop themselves: app instances, coturn,
 * nginx, redis-server and PostgreSQL databases, each on free ports with data of its own.
 */

/**
 * The named program must be installed: outside CI a missing one skips the test (with the
 * reason), in CI (CI=true, `.ci/run` installs them) it fails it.
 */
export function needBinary(...names: string[]) {
  const missing = names.filter((n) => spawnSync("sh", ["-c", `command -v ${n}`]).status !== 0);
  if (!missing.length) return;
  const why = `not installed: ${missing.join(", ")} (apt-get install coturn nginx redis-server)`;
  if (process.env.CI) throw new Error(why);
  test.skip(true, why);
}

export type Proc = { pid: number; logs: () => string; stop: () => Promise<void> };

/** Spawns a long-running process; stop() sends SIGTERM, then SIGKILL after 5 s. */
export function spawnProc(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Proc & { child: ChildProcess } {
  let output = "";
  const child = spawn(cmd, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  child.on("error", (e) => (output += `\n[spawn error] ${e.message}`));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  return {
    child,
    pid: child.pid!,
    logs: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}

async function waitFor(what: string, ok: () => Promise<boolean>, proc: Proc & { child: ChildProcess }, ms = 90_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${what} exited early:\n${proc.logs()}`);
    if (await ok().catch(() => false)) return;
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`${what} did not start in time:\n${proc.logs()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);

export type App = Proc & { url: string; port: number; dataDir: string };

const SECRETS = {
  LOOP_HMAC_SECRET: "e2e-hmac-secret-0123456789abcdef0123456789abcdef",
  LOOP_HAWK_ID_SECRET: "e2e-hawk-secret-0123456789abcdef0123456789abcdef",
  LOOP_TOKEN_SECRET: "e2e-token-secret-0123456789abcdef0123456789abcdef",
  NEXTAUTH_SECRET: "e2e-auth-secret-0123456789abcdef0123456789abcdef",
};

/**
 * One app instance: the production build started the way scripts/e2e-server.mjs starts the
 * e2e server (same command), on a free port, with a data folder of its own. `env` adds or
 * overrides variables (PUBLIC_URL behind a proxy, DATABASE_URL, REDIS_URL, TURN_*...).
 * Instances given the same DATABASE_URL share one database (start them one after the other:
 * the first applies the migrations).
 */
export async function startApp(env: Record<string, string> = {}): Promise<App> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "loop-e2e-app-"));
  const proc = spawnProc(process.execPath, ["scripts/start.mjs"], {
    env: {
      ...process.env,
      ...SECRETS,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      DATABASE_URL: `file:${join(dataDir, "loop.db")}`,
      PUSH_ALLOWED_HOSTS: "127.0.0.1,localhost",
      LOG_LEVEL: "warn",
      // The e2e run's SMTP receiver and SMS stand-in (scripts/e2e-server.mjs), so owners
      // signing up here verify their address as on the main server.
      SMTP_URL: `smtp://127.0.0.1:${E2E_PORT + 2}`,
      SMS_PROVIDER: "vonage",
      SMS_API_KEY: "test-key",
      SMS_API_SECRET: "test-secret",
      SMS_FROM: "Loop",
      SMS_API_URL: `http://127.0.0.1:${E2E_PORT + 3}`,
      ...env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor("app", async () => (await fetch(`${url}/__lbheartbeat__`)).ok, proc);
  return {
    ...proc,
    url,
    port,
    dataDir,
    stop: async () => {
      await proc.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** coturn with `use-auth-secret`: the TURN REST API credentials our server hands out. */
export async function startCoturn(secret: string, port?: number) {
  const p = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), "loop-coturn-"));
  const proc = spawnProc("turnserver", [
    "-n",
    "--listening-ip=127.0.0.1",
    `--listening-port=${p}`,
    "--relay-ip=127.0.0.1",
    "--use-auth-secret",
    `--static-auth-secret=${secret}`,
    "--realm=loop.test",
    "--no-tls",
    "--no-dtls",
    "--no-cli",
    "--no-rfc5780",
    "--no-stun-backward-compatibility",
    // The test's two browsers are on this machine: their relayed peer address is loopback.
    "--allow-loopback-peers",
    "--log-file=stdout",
    "--simple-log",
    "--verbose",
    `--userdb=${join(dir, "turndb")}`,
    `--pidfile=${join(dir, "turnserver.pid")}`,
  ]);
  await waitFor("coturn", async () => /pid file created|Total (General|UDP)|listener opened/i.test(proc.logs()), proc, 20_000);
  return {
    ...proc,
    port: p,
    stop: async () => {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const randomSecret = () => randomBytes(18).toString("base64url");

/** Whether a file exists (a tiny re-export so specs need no fs import). */
export const fileExists = existsSync;

/** A self-signed certificate for 127.0.0.1 and localhost, made with openssl. */
export function selfSignedCert(dir: string) {
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  const r = spawnSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
    "-keyout", key, "-out", cert,
    "-subj", "/CN=localhost",
    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
  ], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
  return { cert, key };
}

/** Replaces `from` in `text`, which must occur exactly `times` times (the config is used as written). */
function substitute(text: string, from: string, to: string, times = 1) {
  const n = text.split(from).length - 1;
  if (n !== times) throw new Error(`docs/deploy/nginx.conf: expected "${from}" ${times} time(s), found ${n}`);
  return text.split(from).join(to);
}

export type Nginx = Proc & { url: string; httpUrl: string; accessLog: () => string };

/** Free ports for nginx, chosen before the apps start (their PUBLIC_URL names the proxy). */
export async function nginxPorts() {
  return { https: await freePort(), http: await freePort() };
}

/**
 * nginx running docs/deploy/nginx.conf as written, with only the site-specific values put in:
 * the listening ports (on 127.0.0.1), the server name, a self-signed certificate made here,
 * and the app instances in the upstream block. Runs unprivileged-style from a folder of its
 * own (`nginx -p`), in the foreground, logging to that folder.
 */
export async function startNginx(ports: { https: number; http: number }, upstreams: string[]): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), "loop-nginx-"));
  const { chmodSync, mkdirSync, readFileSync, writeFileSync } = await import("node:fs");
  chmodSync(dir, 0o755);
  const { cert, key } = selfSignedCert(dir);
  let site = readFileSync(join(process.cwd(), "docs/deploy/nginx.conf"), "utf8");
  site = substitute(site, "    server 127.0.0.1:3000;\n", upstreams.map((u) => `    server ${u};\n`).join(""));
  site = substitute(site, "listen 80;", `listen 127.0.0.1:${ports.http};`);
  site = substitute(site, "listen 443 ssl http2;", `listen 127.0.0.1:${ports.https} ssl http2;`);
  site = substitute(site, "server_name loop.example.com;", "server_name localhost 127.0.0.1;", 2);
  site = substitute(site, "/etc/letsencrypt/live/loop.example.com/fullchain.pem", cert);
  site = substitute(site, "/etc/letsencrypt/live/loop.example.com/privkey.pem", key);
  writeFileSync(join(dir, "loop.conf"), site);
  for (const t of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) {
    mkdirSync(join(dir, "tmp", t), { recursive: true });
    chmodSync(join(dir, "tmp", t), 0o777);
  }
  // The main file Debian's /etc/nginx/nginx.conf would be: the site is included in http {}.
  writeFileSync(
    join(dir, "nginx.conf"),
    `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 1024; }
http {
  access_log ${dir}/access.log;
  log_format upstream '$request $status $upstream_addr';
  access_log ${dir}/upstream.log upstream;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  include /etc/nginx/mime.types;
  include ${dir}/loop.conf;
}
`,
  );
  const proc = spawnProc("nginx", ["-p", dir, "-c", join(dir, "nginx.conf"), "-e", join(dir, "error.log")]);
  const url = `https://127.0.0.1:${ports.https}`;
  const { request } = await import("node:https");
  const up = () =>
    new Promise<boolean>((resolve) => {
      const req = request(`${url}/__lbheartbeat__`, { rejectUnauthorized: false, timeout: 2000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on("error", () => resolve(false));
      req.end();
    });
  const read = (f: string) => {
    try {
      return readFileSync(join(dir, f), "utf8");
    } catch {
      return "";
    }
  };
  const withLogs = { ...proc, logs: () => proc.logs() + read("error.log") };
  await waitFor("nginx", up, withLogs as Proc & { child: ChildProcess }, 20_000);
  return {
    ...withLogs,
    url,
    httpUrl: `http://127.0.0.1:${ports.http}`,
    accessLog: () => read("upstream.log"),
    stop: async () => {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** redis-server of the test's own, on a free port, nothing persisted. */
export async function startRedis() {
  const port = await freePort();
  const proc = spawnProc("redis-server", ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"]);
  await waitFor("redis-server", async () => /Ready to accept connections/i.test(proc.logs()), proc, 20_000);
  return { ...proc, url: `redis://127.0.0.1:${port}` };
}

async function pgAnswers(url: string) {
  const { Client } = await import("pg");
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * A PostgreSQL database of the test's own: created on the server at TEST_PG_URL (default
 * 127.0.0.1:5432) when one answers, otherwise on a private cluster started here (initdb +
 * pg_ctl, as the postgres user when run as root). drop() removes what was made.
 */
export async function startPostgresDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  let admin = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  let stopCluster = async () => {};
  if (!(await pgAnswers(admin))) {
    const bin = spawnSync("sh", ["-c", "ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1"], { encoding: "utf8" }).stdout.trim();
    if (!bin) {
      const why = "no PostgreSQL answers and no server binaries (/usr/lib/postgresql/*/bin)";
      if (process.env.CI) throw new Error(why);
      test.skip(true, why);
    }
    const dir = mkdtempSync(join(tmpdir(), "loop-e2e-pg-"));
    const port = await freePort();
    const root = process.getuid?.() === 0;
    const run = (cmd: string, args: string[]) => {
      const r = root ? spawnSync("runuser", ["-u", "postgres", "--", cmd, ...args], { encoding: "utf8" }) : spawnSync(cmd, args, { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
    };
    if (root) spawnSync("chown", ["-R", "postgres", dir]);
    run(join(bin, "initdb"), ["-D", join(dir, "data"), "-U", "postgres", "--auth=trust"]);
    run(join(bin, "pg_ctl"), ["-D", join(dir, "data"), "-o", `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir}`, "-l", join(dir, "log"), "-w", "start"]);
    admin = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    stopCluster = async () => {
      run(join(bin, "pg_ctl"), ["-D", join(dir, "data"), "-m", "fast", "-w", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const name = `loop_e2e_${label}_${randomBytes(4).toString("hex")}`.toLowerCase();
  const database = await createPgDatabase(admin, name);
  return {
    url: database.url,
    drop: async () => {
      await database.drop();
      await stopCluster();
    },
  };
}
