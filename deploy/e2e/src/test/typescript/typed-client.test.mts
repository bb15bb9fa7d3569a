// The gateway's generated client against the running platform: what a frontend or partner system written in
// TypeScript gets from the API document. Run by TypedClientTest (node --test), which seeds a validated pledge and
// passes the gateway's URL and the pledge's reference and title in the environment.
import assert from "node:assert/strict";
import { test } from "node:test";
import { p2cClient, type Pledge, type Problem } from "../../../../../gateway/target/api-client/dist/index.mjs";

function required(name: string): string {
  const value = process.env[name];
  assert.ok(value, `${name} is set by TypedClientTest`);
  return value;
}

const gateway = required("P2C_GATEWAY_URL");
const reference = required("P2C_PLEDGE_REFERENCE");
const title = required("P2C_PLEDGE_TITLE");

test("anyone reads a validated pledge by its reference, as the document's Pledge", async () => {
  const client = p2cClient(gateway);

  const { data, error, response } = await client.GET("/api/v1/pledges/{id}", {
    params: { path: { id: reference } },
  });

  assert.equal(response.status, 200);
  assert.equal(error, undefined);
  assert.ok(data);
  const pledge: Pledge = data;
  // What the document requires is typed without undefined (tsc --strict refuses these lines otherwise); the
  // reference may be absent (a draft has none), so it is read as optional.
  const countries: string[] = pledge.countries;
  const status: Pledge["status"] = pledge.status;
  const validatedReference: string | undefined = pledge.reference;
  assert.equal(validatedReference, reference);
  assert.equal(pledge.title, title);
  assert.equal(status, "VALIDATED");
  assert.deepEqual(countries, ["NPL"]);
  assert.ok(response.headers.get("RateLimit-Remaining"), "the gateway tells the caller its budget");
});

test("an unknown reference is a 404 problem, read through the document's Problem", async () => {
  const client = p2cClient(gateway);

  const { data, error, response } = await client.GET("/api/v1/pledges/{id}", {
    params: { path: { id: "P2C-1999-99999" } },
  });

  assert.equal(response.status, 404);
  assert.equal(data, undefined);
  assert.match(response.headers.get("Content-Type") ?? "", /^application\/problem\+json/);
  assert.ok(error);
  const problem: Problem = error;
  const status: number = problem.status; // always there; the other members are left out when empty
  assert.equal(status, 404);
  assert.equal(problem.type, "https://p2c.example/problems/not-found");
  assert.equal(problem.instance, "/api/v1/pledges/P2C-1999-99999");
});
