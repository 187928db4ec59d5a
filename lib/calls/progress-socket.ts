import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { log } from "../log";
import type { FrontDoor, UpgradeHandler } from "../server/front-door";
import { authenticateDevice, type ClientMessage, openDevice, type ServerMessage } from "./progress-devices";
import { REASONS } from "./progress";

/**
 * The original call-progress WebSocket (ref §3) at `/websocket` (and under /v0, /v1), served
 * beside the SSE form (contract §6) on the same devices, state machine and timers
 * (lib/calls/progress-devices.ts, lib/calls/progress.ts); across instances through the same
 * bus. Frames are JSON text: `hello` first (callId + the side's websocketToken), then
 * `action` / `echo`; the server answers `hello`, `progress`, `echo` or `error` (then closes).
 */

export function attachProgressSockets(door: FrontDoor): UpgradeHandler {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  door.onShutdown(() => {
    for (const c of wss.clients) c.close(1001, "server stopping");
  });
  return (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? "").split("?")[0].replace(/^\/v[01](?=\/)/, "");
    if (path !== "/websocket") return false;
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws));
    return true;
  };
}

function serve(ws: WebSocket) {
  let device: Awaited<ReturnType<typeof openDevice>> | null = null;
  let closed = false;
  // Frames are handled one at a time, in order, as the original's handler chain did.
  let queue: Promise<void> = Promise.resolve();

  const send = (m: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  };
  const close = () => {
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close();
  };
  const error = (reason: string) => {
    send({ messageType: "error", reason });
    close();
  };

  ws.on("message", (data, isBinary) => {
    queue = queue.then(() => onFrame(isBinary ? null : data.toString())).catch((e) => {
      log.error("calls.socket_failed", { error: (e as Error).stack ?? String(e) });
      error(REASONS.unavailable);
    });
  });
  ws.on("close", () => {
    closed = true;
    device?.detach();
  });
  ws.on("error", () => ws.terminate());

  async function onFrame(text: string | null) {
    if (closed) return;
    let msg: ClientMessage;
    try {
      msg = JSON.parse(text ?? "");
    } catch {
      return error(REASONS.malformed);
    }
    if (!msg || typeof msg !== "object" || Array.isArray(msg)) return error(REASONS.malformed);
    if (msg.messageType !== "hello" && msg.messageType !== "action" && msg.messageType !== "echo") return error(REASONS.unknownType);
    if (device) {
      await device.handle(msg);
      return;
    }
    if (msg.messageType === "echo") return send({ messageType: "echo", echo: msg.echo });
    if (msg.messageType !== "hello") return error(REASONS.badAuth);
    const missing = [msg.callId ? null : "callId", msg.auth ? null : "auth"].filter((x): x is string => x !== null);
    if (missing.length) return error(REASONS.missing(missing));
    const callId = String(msg.callId);
    const who = await authenticateDevice(callId, String(msg.auth));
    if ("ok" in who) return error(who.reason);
    if (closed) return;
    device = await openDevice(callId, who.side, (e) => send(e.data as ServerMessage), close, who.tag);
    if (closed) return device.detach();
    await device.handle(msg);
  }
}
