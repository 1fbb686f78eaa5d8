// `npm run prisma -- <args>`: the Prisma CLI with this project's no-download setup.
import { runPrismaCli } from "../lib/db/prisma-cli";

runPrismaCli(process.argv.slice(2)).then(
  () => console.log(`prisma ${process.argv.slice(2).join(" ")}: done`),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
