import { api, json, route } from "@/lib/http/handler";

export const { GET, OPTIONS } = api({ GET: route({ handler: () => json({}) }) });
