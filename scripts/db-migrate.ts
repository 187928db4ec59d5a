// `npm run db:migrate`: apply pending migrations to the configured database and exit.
import { config } from "../lib/config";
import { migrate } from "../lib/db/migrate";

const url = config().database.url;
migrate(url)
  .then((applied) => {
    console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
  })
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
