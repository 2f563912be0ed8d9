// Plain SQL on PGlite as named prepared statements (connection.ts: Query).
//
// PGlite's query() parses and plans its statement anew on every call and
// takes six trips into the engine to do it (parse, describe, bind, describe,
// execute, sync), each with its own round of JS around it. On PGlite the
// engine runs in our thread, so on the webhook path that is time every
// delivery waits for. Here each statement text is parsed once, under a name,
// and a call is one trip: bind, describe, execute and sync in one message.
//
// What query() guarantees holds here too, through the same PGlite methods
// (underscored, but declared in its types): the database is ready and open,
// a transaction under way (Prisma's hold the transaction lock throughout) is
// waited for and never joined, and one statement runs at a time. Parameters
// and rows go through PGlite's own serializers and parsers, so the rows are
// query()'s (tests/integration/pglite-statements.test.ts).
import { parse, protocol, type PGlite } from "@electric-sql/pglite";
import type { Query } from "./connection";
import { statementName } from "./statement-name";

const { serialize } = protocol;

type Prepared = { name: string; paramTypes: number[] };

export function preparedQuery(client: PGlite): Query {
  const prepared = new Map<string, Prepared>();

  const prepare = async (text: string): Promise<Prepared> => {
    const name = statementName(text);
    const { messages } = await client.execProtocol(
      Buffer.concat([serialize.parse({ name, text }), serialize.describe({ type: "S", name }), serialize.sync()]),
      { syncToFs: false },
    );
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(messages) };
    prepared.set(text, statement);
    return statement;
  };

  return async <Row>(text: string, params: unknown[] = []) => {
    await client._checkReady();
    return client._runExclusiveTransaction(() =>
      client._runExclusiveQuery(async () => {
        const { name, paramTypes } = prepared.get(text) ?? (await prepare(text));
        const values = params.map((value, i) => {
          if (value === null || value === undefined) return null;
          const serializer = client.serializers[paramTypes[i]!];
          return serializer ? serializer(value) : String(value);
        });
        const { messages } = await client.execProtocol(
          Buffer.concat([serialize.bind({ statement: name, values }), serialize.describe({ type: "P" }), serialize.execute({}), serialize.sync()]),
        );
        // An executed statement ends in CommandComplete or an error. PGlite
        // answers some failures (a json value nested past its stack) with
        // neither, which would read as no rows: a failure all the same.
        if (!messages.some((m) => m.name === "commandComplete")) throw new Error(`PGlite did not complete the statement ${name}`);
        return parse.parseResults(messages, client.parsers)[0]!.rows as Row[];
      }),
    );
  };
}
