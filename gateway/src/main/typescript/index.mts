/**
 * The P2C API's typed client: openapi-fetch over the types openapi-typescript generates from the gateway's merged
 * API document (p2c-api.ts, written next to this file by the build). The gateway's build generates and compiles
 * both with tsc --strict, so a document the generator cannot read, or types that do not compile, fail the build.
 */
import createClient, { type Client } from "openapi-fetch";
import type { components, operations, paths } from "./p2c-api.js";

export type { components, operations, paths };

/** The document's schemas by name, e.g. {@code Schemas["Pledge"]}. */
export type Schemas = components["schemas"];
export type Pledge = Schemas["Pledge"];
export type Problem = Schemas["Problem"];
export type Currency = Schemas["Currency"];

export type P2cClient = Client<paths>;

/** A client of the API at {@code baseUrl} (the gateway), sending {@code token} as a bearer token when one is given. */
export function p2cClient(baseUrl: string, token?: string): P2cClient {
  return createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ""),
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
  });
}
