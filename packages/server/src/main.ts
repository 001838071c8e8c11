#!/usr/bin/env node
// `npm start`: the evplan API and the web planner on http://localhost:$PORT (HOST 127.0.0.1 unless set).
import { InputError, formatIssue } from "@evplan/core";
import { configFromEnv } from "./config.js";
import { startServer } from "./server.js";

// A bug in one request must not stop the server for everyone: log it and keep serving.
process.on("uncaughtException", (e) => console.error("evplan server: uncaught exception:", e));
process.on("unhandledRejection", (e) => console.error("evplan server: unhandled rejection:", e));

try {
  const config = configFromEnv();
  const running = await startServer(config);
  console.log(`evplan planner and API: ${running.url} (API reference: ${running.url}api/v1/reference; jobs: ${running.jobs.backend}; database: ${config.db})`);
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
} catch (e) {
  if (e instanceof InputError) console.error(`evplan server: invalid data pack or scenario\n${e.issues.map((i) => `  ${formatIssue(i)}`).join("\n")}`);
  else console.error(`evplan server: cannot start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}
