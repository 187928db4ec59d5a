import type { TestProject } from "vitest/node";
import { startServer } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    apiUrl: string;
  }
}

// One production server for the API test run (unless LOOP_API_URL points at one already).
export default async function setup(project: TestProject) {
  if (process.env.LOOP_API_URL) {
    project.provide("apiUrl", process.env.LOOP_API_URL);
    return;
  }
  const server = await startServer({}, "api");
  project.provide("apiUrl", server.url);
  return async () => {
    await server.stop();
  };
}
