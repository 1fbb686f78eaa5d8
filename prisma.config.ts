// Prisma CLI configuration: migrations run on the WebAssembly schema engine through the
// pg driver adapter, so nothing is downloaded (see DESIGN.md "Stack").
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const NAME_OID = 19;
const TEXT_OID = 25;

// prisma/orm#27403: the wasm engine cannot deserialize columns of type `name`; report them as text.
class NameAsTextPool extends pg.Pool {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as any)(...args);
    if (result && typeof result.then === "function") {
      return result.then((res: pg.QueryResult) => {
        for (const field of res?.fields ?? []) {
          if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
        }
        return res;
      });
    }
    return result;
  }
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaPg(new NameAsTextPool({ connectionString: process.env.DATABASE_URL })),
});
