import { z } from "zod";
import { db } from "./db";

/** Guest feedback from the ended screen (ref §9.3 feedback form). */
export const feedbackInput = z.object({
  happy: z.boolean({ error: "happy should be true or false" }),
  category: z.enum(["audio_quality", "video_quality", "disconnected", "confusing", "other"]).optional(),
  description: z.string().max(1000, "description should be at most 1000 characters").optional(),
  roomToken: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
});

export async function saveFeedback(input: z.infer<typeof feedbackInput>, userAgent: string | null) {
  const row = await db().feedback.create({
    data: {
      happy: input.happy,
      category: input.category ?? null,
      description: input.description?.trim() || null,
      roomToken: input.roomToken ?? null,
      userAgent: userAgent?.slice(0, 300) ?? null,
    },
  });
  return { id: row.id };
}
