import { api, json, route } from "@/lib/http/handler";
import { config } from "@/lib/config";
import { checkHealth } from "@/lib/health";

// Checks each dependency with a timeout; 503 names the failing part (ref §2.1).
export const { GET, OPTIONS } = api({
  GET: route({
    handler: async () => {
      const report = await checkHealth();
      const ok = Object.values(report.checks).every(Boolean);
      return json(
        { ...report.checks, ...(report.message ? { message: report.message } : {}) },
        ok ? 200 : 503,
        ok ? {} : { "Retry-After": String(config().retryAfterSec) },
      );
    },
  }),
});
