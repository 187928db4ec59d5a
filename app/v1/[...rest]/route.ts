import { api, route } from "@/lib/http/handler";
import { errors } from "@/lib/http/errors";

// Anything under /v1 that is not a Loop API path (contract §1).
const notFound = route({
  handler: () => {
    throw errors.notFound();
  },
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = api({
  GET: notFound,
  HEAD: notFound,
  POST: notFound,
  PUT: notFound,
  PATCH: notFound,
  DELETE: notFound,
});
