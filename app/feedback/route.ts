import { api, json, route } from "@/lib/http/handler";
import { feedbackInput, saveFeedback } from "@/lib/feedback";

export const { POST, OPTIONS } = api({
  POST: route({
    auth: "none",
    body: feedbackInput,
    limits: ({ address }) => [["FEEDBACK_PER_ADDRESS", address]],
    handler: async ({ body, req }) => json(await saveFeedback(body, req.headers.get("user-agent")), 201),
  }),
});
